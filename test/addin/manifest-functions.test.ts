/**
 * manifest.xml's shared runtime and CustomFunctions extension point, as Microsoft's documentation
 * lays them out ("Configure your Office Add-in to use a shared runtime", "Manually create JSON
 * metadata for custom functions", "Custom functions naming and localization", "Element ordering").
 */
import fs from 'node:fs';
import path from 'node:path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { describe, expect, it } from 'vitest';
import { namespaceProblems } from '../stand-in/api/functions';

const FILE = path.resolve(__dirname, '../../manifest.xml');
const xml = fs.readFileSync(FILE, 'utf8');
const url = (id: string) => new RegExp(`<bt:Url id="${id.replace('.', '\\.')}" DefaultValue="([^"]+)"`).exec(xml)?.[1];

describe('manifest.xml: the CHITIEU functions in a shared runtime', () => {
  it('still reads as an Excel task-pane add-in', async () => {
    const info = await OfficeAddinManifest.readManifestFile(FILE);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
  });

  it('asks for SharedRuntime 1.1 in the VersionOverrides only (an older Excel still gets the pane) and declares one long-lived runtime: the task pane page', () => {
    const base = xml.slice(0, xml.indexOf('<VersionOverrides'));
    const overrides = xml.slice(xml.indexOf('<VersionOverrides'));
    expect(base.replace(/<!--[\s\S]*?-->/g, '')).not.toContain('SharedRuntime');
    // Description?, Requirements?, Hosts: the order of the VersionOverrides 1.0 (task pane) schema.
    expect(overrides).toMatch(
      /^<VersionOverrides [^>]*>\s*(<!--[\s\S]*?-->\s*)?<Requirements>\s*<bt:Sets DefaultMinVersion="1.1">\s*<bt:Set Name="SharedRuntime" MinVersion="1.1"\/>\s*<\/bt:Sets>\s*<\/Requirements>\s*<Hosts>/,
    );
    expect(xml.match(/<Runtime /g)).toHaveLength(1);
    expect(xml).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(xml).toContain('<FunctionFile resid="Taskpane.Url"/>');
  });

  it('has a CustomFunctions extension point with Script, Page (the shared page), Metadata and Namespace, in that order', () => {
    const ep = /<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/.exec(xml)?.[1] ?? '';
    const order = [...ep.matchAll(/<(Script|Page|Metadata|Namespace)\b/g)].map((m) => m[1]);
    expect(order).toEqual(['Script', 'Page', 'Metadata', 'Namespace']);
    expect(ep).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(ep).toMatch(/<Metadata>\s*<SourceLocation resid="Functions.Metadata.Url"\/>/);
    expect(ep).toContain('<Namespace resid="Functions.Namespace"/>');
    // Within the Host: Runtimes, then AllFormFactors (the functions), then DesktopFormFactor.
    const at = (s: string) => xml.indexOf(s);
    expect(at('<Runtimes>')).toBeLessThan(at('<AllFormFactors>'));
    expect(at('<AllFormFactors>')).toBeLessThan(at('<DesktopFormFactor>'));
  });

  it('names the functions CHITIEU.… and localizes their metadata: Vietnamese by default, English for en-US', () => {
    const ns = /<bt:String id="Functions.Namespace" DefaultValue="([^"]+)"\/>/.exec(xml)?.[1];
    expect(ns).toBe('CHITIEU');
    expect(namespaceProblems(ns!)).toEqual([]);
    expect(url('Functions.Metadata.Url')).toMatch(/\/addin\/functions\.json$/);
    expect(xml).toMatch(
      /<bt:Url id="Functions.Metadata.Url"[^>]*>\s*<bt:Override Locale="en-US" Value="[^"]+\/addin\/functions-en\.json"\/>\s*<\/bt:Url>/,
    );
    expect(url('Functions.Script.Url')).toMatch(/\/addin\/functions\.js$/);
  });
});
