// Bundles the extension host code, the CLI and the webview app; copies the tree-sitter wasm files to dist/grammars.
const path = require('node:path');
const CopyPlugin = require('copy-webpack-plugin');

const tsRule = { test: /\.ts$/, exclude: /node_modules/, use: [{ loader: 'ts-loader', options: { transpileOnly: true } }] };
const resolve = { extensions: ['.ts', '.js'], conditionNames: ['require', 'node', 'default'] };

const grammarFiles = [
  'web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-python/tree-sitter-python.wasm',
  'tree-sitter-javascript/tree-sitter-javascript.wasm',
  'tree-sitter-typescript/tree-sitter-typescript.wasm',
  'tree-sitter-typescript/tree-sitter-tsx.wasm',
  'tree-sitter-go/tree-sitter-go.wasm',
  'tree-sitter-java/tree-sitter-java.wasm',
].map((file) => ({ from: path.join(__dirname, 'node_modules', file), to: 'grammars/[name][ext]' }));

/** @type {import('webpack').Configuration} */
const nodeCommon = {
  target: 'node20',
  devtool: 'source-map',
  module: { rules: [tsRule] },
  resolve,
  node: { __dirname: false, __filename: false },
  output: { path: path.join(__dirname, 'dist'), filename: '[name].js', library: { type: 'commonjs2' } },
  // ioredis' optional peers are not used; keep the bundle quiet about them.
  ignoreWarnings: [/Critical dependency/, /Can't resolve '(bufferutil|utf-8-validate)'/],
  performance: { hints: false },
};

module.exports = [
  {
    ...nodeCommon,
    name: 'extension',
    entry: { extension: './src/extension/extension.ts' },
    externals: { vscode: 'commonjs vscode' },
    plugins: [new CopyPlugin({ patterns: grammarFiles })],
  },
  {
    ...nodeCommon,
    name: 'cli',
    // The lint worker is its own entry: `redis-review lint` starts it from dist/ on large projects.
    entry: { cli: './src/cli/bin.ts', lintWorker: './src/cli/lint/parallel/lintWorker.ts' },
    plugins: [
      new (require('webpack').BannerPlugin)({ banner: '#!/usr/bin/env node', raw: true, entryOnly: true }),
    ],
  },
  {
    name: 'webview',
    target: 'web',
    devtool: 'source-map',
    entry: { webview: './webview/main.ts' },
    module: { rules: [tsRule] },
    resolve: { extensions: ['.ts', '.js'] },
    output: { path: path.join(__dirname, 'dist'), filename: '[name].js' },
    performance: { hints: false },
  },
];
