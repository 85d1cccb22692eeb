import type { AssetFormat } from '../types.ts';

const BY_EXTENSION: Record<string, AssetFormat> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown',
  html: 'html', htm: 'html', xhtml: 'html',
  txt: 'text', text: 'text',
  docx: 'docx',
  json: 'macros-json',
  csv: 'macros-csv',
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The format a file's extension names, or undefined when it has none (then the content decides). */
export function formatFromExtension(path: string): AssetFormat | 'unknown' | undefined {
  const ext = extensionOf(path);
  if (ext === '') return undefined;
  return BY_EXTENSION[ext] ?? 'unknown';
}

/** For files without an extension: what the text looks like. */
export function sniffFormat(text: string): AssetFormat {
  const head = text.slice(0, 2048).trimStart();
  if (/^(<!doctype html|<html|<head|<body)/i.test(head)) return 'html';
  if (/^[[{]/.test(head)) return 'macros-json';
  if (/^(---\n|#{1,6} |\* |- )/m.test(head) || /\[[^\]]+\]\([^)]+\)/.test(head)) return 'markdown';
  return 'text';
}
