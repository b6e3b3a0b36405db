// ESLint flat config: the recommended rules and a few that keep the viewer's code plain.
import js from "@eslint/js";

const browser = {
    window: "readonly", document: "readonly", location: "readonly", history: "readonly",
    requestAnimationFrame: "readonly", cancelAnimationFrame: "readonly",
    setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly",
    clearInterval: "readonly", WebGLRenderingContext: "readonly", URL: "readonly",
    Intl: "readonly", console: "readonly", navigator: "readonly", getComputedStyle: "readonly",
    ResizeObserver: "readonly", HTMLElement: "readonly",
};
const node = {process: "readonly", console: "readonly", URL: "readonly"};

export default [
    {ignores: ["dist/", "node_modules/"]},
    js.configs.recommended,
    {
        languageOptions: {ecmaVersion: 2022, sourceType: "module"},
        rules: {
            "no-var": "error",
            "prefer-const": "error",
            eqeqeq: "error",
            "no-implicit-globals": "error",
            "no-restricted-properties": ["error",
                {property: "innerHTML", message: "data goes in as text: use textContent"},
                {property: "outerHTML", message: "data goes in as text: use textContent"},
                {property: "insertAdjacentHTML", message: "data goes in as text"}],
            "no-restricted-globals": ["error", "fetch", "XMLHttpRequest", "WebSocket", "EventSource"],
        },
    },
    {files: ["src/**/*.js"], languageOptions: {globals: browser}},
    {files: ["build.mjs", "test/**/*.js", "eslint.config.js"], languageOptions: {globals: node}},
];
