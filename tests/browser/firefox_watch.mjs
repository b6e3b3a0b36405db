// What the harness watches in Firefox instead of request interception: WebDriver BiDi, which
// drives Firefox, reports no request at all of a page opened from file:// (neither its own file
// nor an image it asks of a web server), so Firefox is told to send every request to the
// network through a proxy run here that records each one and answers none, and each page
// reports every resource it loads (file: ones too) from a PerformanceObserver.

import { createServer } from "node:http";

/**
 * Starts the recording proxy on a free port of 127.0.0.1. Every request, CONNECT (https, wss)
 * or upgrade (ws) is passed to REPORT(text) and refused. Returns {port, close()}.
 */
export async function startProxy(report) {
    const server = createServer((req, res) => {
        report(`request: ${req.method} ${req.url.slice(0, 200)}`);
        res.writeHead(403).end();
    });
    server.on("connect", (req, socket) => {
        report(`request: CONNECT ${req.url.slice(0, 200)}`);
        socket.destroy();
    });
    server.on("upgrade", (req, socket) => {
        report(`websocket: ${req.url.slice(0, 200)}`);
        socket.destroy();
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        port: server.address().port,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** Firefox's preferences that send every request, localhost's too, through PORT. */
export function proxyPrefs(port) {
    const prefs = {
        "network.proxy.type": 1,
        "network.proxy.allow_hijacking_localhost": true,
        "network.proxy.no_proxies_on": "",
        "network.proxy.share_proxy_settings": false,
        "network.proxy.socks": "",
        // No request of Firefox's own (updates, telemetry, captive portal) to record.
        "network.captive-portal-service.enabled": false,
        "network.connectivity-service.enabled": false,
        "app.update.disabledForTesting": true,
        "browser.safebrowsing.update.enabled": false,
        "services.settings.server": "data:,#remote-settings-dummy/v1",
        "messaging-system.rsexperimentloader.enabled": false,
        "app.normandy.enabled": false,
        "browser.region.network.url": "",
        "extensions.update.enabled": false,
        "extensions.getAddons.cache.enabled": false,
        "browser.newtabpage.enabled": false,
        "browser.startup.page": 0,
        "network.dns.disablePrefetch": true,
        "network.prefetch-next": false,
        "browser.aboutHomeSnippets.updateUrl": "",
    };
    for (const scheme of ["http", "ssl"]) {
        prefs[`network.proxy.${scheme}`] = "127.0.0.1";
        prefs[`network.proxy.${scheme}_port`] = port;
    }
    return prefs;
}

/**
 * Run in the page before its own scripts (a preload script): calls the exposed function NAME
 * with "KIND URL" for every resource the page loads or fails to load: the entries of Resource
 * Timing (which Firefox keeps for network loads only), and the load and error events of the
 * elements that name one (which cover file: ones: an image, a style sheet, a script, a frame).
 * The page's own file is its navigation, not one of these.
 */
export function watchResources(name) {
    new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window[name](`${e.initiatorType} ${e.name}`);
    }).observe({ type: "resource", buffered: true });
    const element = (event) => {
        const el = event.target;
        if (!el || !el.tagName) return;
        const url = el.currentSrc || el.src || el.href || el.data;
        if (typeof url === "string" && url) window[name](`${el.tagName.toLowerCase()} ${url}`);
    };
    // On the document: a load event never reaches the window from an element.
    document.addEventListener("load", element, true);
    document.addEventListener("error", element, true);
}
