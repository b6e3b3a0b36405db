// The committed page template, as tkg embeds it: one data marker in its place, the licences
// of the pinned packages, nothing that loads anything.
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync, readdirSync} from "node:fs";

const read = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const page = read("../dist/timeline.html");
const lock = JSON.parse(read("../package-lock.json"));

test("the data marker is there once, as the whole content of the data element", () => {
    assert.equal(page.split("@TKG_DATA@").length - 1, 1);
    assert.ok(page.includes('<script type="application/json" id="tkg-data">@TKG_DATA@</script>'));
    assert.equal([...page.matchAll(/<script\b/g)].length, 2, "the data and the code, nothing else");
});

test("each bundled package is named at its locked version, its licence text in the page", () => {
    const files = readdirSync(new URL("../LICENSES/", import.meta.url));
    for (const name of ["sigma", "graphology"]) assert.ok(files.includes(`${name}.txt`), name);
    for (const file of files) {
        const text = read(`../LICENSES/${file}`);
        const [head, ...body] = text.split("\n\n");
        const name = file.replace(/\.txt$/, "").replace("__", "/");
        const version = lock.packages[`node_modules/${name}`]?.version;
        assert.ok(version, `${name} is in package-lock.json`);
        assert.ok(head.startsWith(`${name} ${version} (MIT)`), head);
        assert.ok(page.includes(`  ${name} ${version} (MIT)`), `${name} named in the page`);
        assert.ok(page.includes(body.join("\n\n").replace(/--+/g, (m) => m.split("").join(" ")).trim()),
            `${name}'s licence text in the page`);
    }
});

test("nothing is loaded: a policy that allows no request, no reference to anything outside", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page);
    assert.ok(csp, "a Content-Security-Policy");
    for (const rule of ["default-src 'none'", "connect-src 'none'", "form-action 'none'"]) {
        assert.ok(csp[1].includes(rule), rule);
    }
    for (const bad of [/<link\b/i, /\ssrc=/i, /sourceMappingURL/, /<iframe/i, /<img\b/i]) {
        assert.doesNotMatch(page, bad);
    }
    const styles = [...page.matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(styles.length, 1);
    for (const bad of [/url\(/i, /@import/i, /@font-face/i]) assert.doesNotMatch(styles[0], bad);
});
