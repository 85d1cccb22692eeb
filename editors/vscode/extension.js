// @ts-check
// A thin client: it starts `clarity lsp --stdio` and shows the persona scores the server sends. Diagnostics, quick
// fixes and hovers are the server's (lib/lsp/ in clarity).
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads extensions as CommonJS */
/* global require, module, process */
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** The languages clarity reads; `csv` comes from a CSV extension such as Rainbow CSV, where one is installed. */
const LANGUAGES = ['markdown', 'html', 'plaintext', 'json', 'csv'];

/** @type {LanguageClient | undefined} */
let client;

/** The command to run: the setting, else the workspace's own clarity, else `clarity` on the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('clarity').get('path', '');
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', process.platform === 'win32' ? 'clarity.cmd' : 'clarity');
    if (existsSync(local)) return local;
  }
  return 'clarity';
}

function serverArgs() {
  const config = vscode.workspace.getConfiguration('clarity').get('configFile', '');
  return ['lsp', '--stdio', ...(config ? ['--config', config] : [])];
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  /** @type {Map<string, { scores: { name: string, overall: number }[] }>} */
  const scores = new Map();
  const show = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const latest = uri ? scores.get(uri) : undefined;
    if (!latest || latest.scores.length === 0) return status.hide();
    status.text = `clarity ${latest.scores.map((s) => Math.round(s.overall)).join(' · ')}`;
    status.tooltip = latest.scores.map((s) => `${s.name}: ${s.overall}`).join('\n');
    status.show();
  };

  const start = async () => {
    const command = serverCommand();
    client = new LanguageClient(
      'clarity',
      'clarity',
      { command, args: serverArgs(), options: { shell: process.platform === 'win32' } },
      { documentSelector: LANGUAGES.flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]) },
    );
    client.onNotification('clarity/scores', (params) => {
      scores.set(params.uri, params);
      show();
    });
    try {
      await client.start();
    } catch (error) {
      void vscode.window.showErrorMessage(`clarity: could not start "${command} lsp --stdio" (${error instanceof Error ? error.message : String(error)}). Install clarity in the workspace (npm install clarity) or set clarity.path.`);
    }
  };

  context.subscriptions.push(
    status,
    vscode.window.onDidChangeActiveTextEditor(show),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('clarity.path') && !e.affectsConfiguration('clarity.configFile')) return;
      await client?.stop();
      await start();
    }),
  );
  await start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
