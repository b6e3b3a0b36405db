// A virtual X display for Firefox: headless Firefox has no WebGL (Mozilla's bug 1375585), so
// the tests run it with a window on an Xvfb server of their own. Xvfb chooses a free display
// number itself (-displayfd), so that test files run side by side (ctest -j) never share one.

import { spawn } from "node:child_process";

// XVFB overrides the server (default: Debian's xvfb package).
export const XVFB = process.env.XVFB || "/usr/bin/Xvfb";

/** Starts Xvfb; resolves to {display: ":N", stop()} once it accepts clients. */
export function startXvfb() {
    return new Promise((resolve, reject) => {
        const child = spawn(
            XVFB,
            ["-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            { stdio: ["ignore", "ignore", "pipe", "pipe"] },
        );
        let out = "";
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.on("error", reject);
        child.on("exit", (code) => reject(new Error(`${XVFB} exited (${code}): ${err.trim()}`)));
        child.stdio[3].on("data", (d) => {
            out += d;
            if (!out.includes("\n")) return;
            const display = `:${out.trim()}`;
            const stop = () => {
                if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
            };
            // Not left behind by a test process that ends without closing its browser.
            process.once("exit", stop);
            resolve({ display, stop });
        });
    });
}
