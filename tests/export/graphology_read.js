// Reads a file the way Gephi Lite does (graphology with the versions it pins, and the options
// of gephi-lite's core/file/utils.ts) and prints what it saw as JSON on stdout:
// {order, size, type, multi, attributes (the graph's), nodes: {key: attributes}, edges: [{key,
// source, target, undirected, attributes}]}. Any parse error makes the process fail.
//
// Usage: node graphology_read.js graphml|gexf|json FILE
'use strict';

const fs = require('fs');
const path = require('path');

function load(name) {
  // The modules live next to this script, installed by: npm ci --prefix tests/export
  try {
    return require(path.join(__dirname, 'node_modules', name));
  } catch (e) {
    console.error(`cannot load ${name} (${e.code || e.message}): install the readers with ` +
                  `'npm ci --prefix tests/export' (versions pinned in package-lock.json)`);
    process.exit(3);
  }
}

const graphology = load('graphology');
const [format, file] = process.argv.slice(2);
if (!format || !file) {
  console.error('usage: node graphology_read.js graphml|gexf|json FILE');
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
let graph;
if (format === 'graphml') {
  graph = load('graphology-graphml').parse(graphology.MultiGraph, text, {addMissingNodes: true});
} else if (format === 'gexf') {
  graph = load('graphology-gexf').parse(graphology.MultiGraph, text, {
    allowUndeclaredAttributes: true,
    addMissingNodes: true,
  });
} else if (format === 'json') {
  graph = graphology.Graph.from(JSON.parse(text));
} else {
  console.error('unknown format ' + format);
  process.exit(2);
}
const out = {order: graph.order, size: graph.size, type: graph.type, multi: graph.multi,
             attributes: graph.getAttributes(), nodes: {}, edges: []};
graph.forEachNode((key, attributes) => { out.nodes[key] = attributes; });
graph.forEachEdge((key, attributes, source, target, sa, ta, undirected) => {
  out.edges.push({key, source, target, undirected, attributes});
});
process.stdout.write(JSON.stringify(out));
