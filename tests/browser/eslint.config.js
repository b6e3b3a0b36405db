// ESLint flat config for the browser tests: the recommended rules and a few that keep the code
// plain. Functions given to page.evaluate run in the page, hence the browser globals.
import js from "@eslint/js";

const node = {
    process: "readonly",
    console: "readonly",
    Buffer: "readonly",
    URL: "readonly",
    setTimeout: "readonly",
};
const page = {
    window: "readonly",
    document: "readonly",
    location: "readonly",
    requestAnimationFrame: "readonly",
    Event: "readonly",
    NodeFilter: "readonly",
    PerformanceObserver: "readonly",
};

export default [
    { ignores: ["node_modules/"] },
    js.configs.recommended,
    {
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "module",
            globals: { ...node, ...page },
        },
        rules: {
            "no-var": "error",
            "prefer-const": "error",
            eqeqeq: "error",
            "no-implicit-globals": "error",
        },
    },
];
