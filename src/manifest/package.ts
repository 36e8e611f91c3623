// Builds the Teams app package (the zip you sideload) from manifest/: fills the ${{NAME}}
// placeholders from the environment's values, then checks the result the way Teams would on upload,
// so a broken package fails here and not in the Teams admin centre.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifest, LocalizationFile, composeExtensionProblems, localizableStrings } from './schema';
import { officialSchemaProblems } from './official-schema';
import { decodePng } from './png';

export type PackageFiles = Map<string, Buffer>;
export type BuildResult =
  | { ok: true; zip: Buffer; manifest: AppManifest; files: PackageFiles }
  | { ok: false; problems: string[] };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const PACKAGED = /^(manifest\.json|[\w.-]+\.json|[\w.-]+\.png)$/;

/** The files that go into the package: manifest.json, localization files and icons at the top of manifest/. */
export function readManifestDir(dir: string): PackageFiles {
  const files: PackageFiles = new Map();
  for (const name of readdirSync(dir).sort()) {
    if (PACKAGED.test(name)) files.set(name, readFileSync(join(dir, name)));
  }
  return files;
}

/** Replaces ${{NAME}} in the JSON files; a placeholder with no value is a problem, not an empty string. */
export function fillPlaceholders(
  files: PackageFiles,
  vars: Record<string, string | undefined>,
): { files: PackageFiles; missing: string[] } {
  const missing = new Set<string>();
  const out: PackageFiles = new Map();
  for (const [name, bytes] of files) {
    if (!name.endsWith('.json')) {
      out.set(name, bytes);
      continue;
    }
    const text = bytes.toString('utf8').replace(PLACEHOLDER, (whole, key: string) => {
      const value = vars[key]?.trim();
      if (!value) {
        missing.add(key);
        return whole;
      }
      // The value lands inside a JSON string: escape it as one.
      return JSON.stringify(value).slice(1, -1);
    });
    out.set(name, Buffer.from(text, 'utf8'));
  }
  return { files: out, missing: [...missing].sort() };
}

function parseJson(name: string, bytes: Buffer | undefined, problems: string[]): unknown {
  if (!bytes) {
    problems.push(`${name}: missing from the package`);
    return undefined;
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    problems.push(`${name}: not valid JSON (${(err as Error).message})`);
    return undefined;
  }
}

function checkIcon(name: string, bytes: Buffer | undefined, size: number, outline: boolean, problems: string[]): void {
  if (!bytes) {
    problems.push(`icon ${name}: missing from the package`);
    return;
  }
  const png = decodePng(bytes);
  if (!png.ok) {
    problems.push(`icon ${name}: ${png.reason}`);
    return;
  }
  const { width, height, data } = png.image;
  if (width !== size || height !== size)
    problems.push(`icon ${name}: must be ${size}x${size} pixels, is ${width}x${height}`);
  if (!outline) return;
  let visible = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) continue;
    visible++;
    if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) {
      problems.push(
        `icon ${name}: an outline icon must be white on transparent (pixel ` +
          `${(i / 4) % width},${Math.floor(i / 4 / width)} is not white)`,
      );
      return;
    }
  }
  if (visible === data.length / 4) problems.push(`icon ${name}: an outline icon needs a transparent background`);
  if (visible === 0) problems.push(`icon ${name}: is fully transparent`);
}

/** Every problem Teams would refuse the package for, as far as we know them; [] means it can be uploaded. */
export function checkAppPackage(files: PackageFiles): string[] {
  const problems: string[] = [];
  for (const [name, bytes] of files) {
    if (name.includes('/')) problems.push(`${name}: files must be at the top of the package, not in folders`);
    if (name.endsWith('.json')) {
      const left = bytes.toString('utf8').match(PLACEHOLDER);
      if (left) problems.push(`${name}: placeholder ${left[0]} was not filled in`);
    }
  }
  const raw = parseJson('manifest.json', files.get('manifest.json'), problems);
  if (raw === undefined) return problems;
  problems.push(...officialSchemaProblems('manifest', 'manifest.json', raw));
  const parsed = AppManifest.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`manifest.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return problems;
  }
  const manifest = parsed.data;
  problems.push(...composeExtensionProblems(manifest));
  problems.push(...tabProblems(manifest));
  checkIcon(manifest.icons.color, files.get(manifest.icons.color), 192, false, problems);
  checkIcon(manifest.icons.outline, files.get(manifest.icons.outline), 32, true, problems);

  const { defaultLanguageTag, additionalLanguages } = manifest.localizationInfo;
  const strings = localizableStrings(manifest);
  const tags = new Set<string>([defaultLanguageTag.toLowerCase()]);
  for (const { languageTag, file } of additionalLanguages) {
    if (tags.has(languageTag.toLowerCase()))
      problems.push(`localizationInfo: language ${languageTag} is listed twice (or is the default language)`);
    tags.add(languageTag.toLowerCase());
    const loc = parseJson(file, files.get(file), problems);
    if (loc === undefined) continue;
    problems.push(...officialSchemaProblems('localization', file, loc));
    const locParsed = LocalizationFile.safeParse(loc);
    if (!locParsed.success) {
      for (const issue of locParsed.error.issues)
        problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      continue;
    }
    const entries = Object.entries(locParsed.data).filter(([k]) => k !== '$schema');
    for (const [key, value] of entries) {
      const target = strings.get(key);
      if (!target) problems.push(`${file}: "${key}" does not name a localizable string of this manifest`);
      else if (typeof value !== 'string' || value.trim() === '')
        problems.push(`${file}: "${key}" must be a non-empty string`);
      else if (value.length > target.max)
        problems.push(`${file}: "${key}" is ${value.length} characters, Teams allows ${target.max}`);
    }
    // A string left untranslated would show Danish to an English client: require them all.
    for (const key of strings.keys())
      if (!(key in locParsed.data)) problems.push(`${file}: "${key}" is not translated`);
  }
  return problems;
}

export function buildAppPackage(manifestDir: string, vars: Record<string, string | undefined>): BuildResult {
  const filled = fillPlaceholders(readManifestDir(manifestDir), vars);
  if (filled.missing.length > 0) {
    return {
      ok: false,
      problems: filled.missing.map((k) => `${k} is not set: add ${k}=... to the environment's env/.env.<name> file`),
    };
  }
  const problems = checkAppPackage(filled.files);
  if (problems.length > 0) return { ok: false, problems };
  const zip = new AdmZip();
  for (const [name, bytes] of filled.files) zip.addFile(name, bytes);
  const manifest = AppManifest.parse(JSON.parse(filled.files.get('manifest.json')!.toString('utf8')));
  return { ok: true, zip: zip.toBuffer(), manifest, files: filled.files };
}

/** Reads a package back, as Teams does, for checking an existing zip. */
export function readAppPackage(zip: Buffer): PackageFiles {
  const files: PackageFiles = new Map();
  for (const entry of new AdmZip(zip).getEntries()) if (!entry.isDirectory) files.set(entry.entryName, entry.getData());
  return files;
}

/** The tab's pages must be on a valid domain, and SSO must name the bot's own app and that domain. */
export function tabProblems(manifest: AppManifest): string[] {
  const problems: string[] = [];
  const hosts = new Set(manifest.validDomains.map((d) => d.toLowerCase()));
  const onValidDomain = (url: string) => hosts.has(new URL(url).host.toLowerCase());
  manifest.staticTabs?.forEach((tab, i) => {
    for (const key of ['contentUrl', 'websiteUrl'] as const) {
      const url = tab[key];
      if (url && !onValidDomain(url))
        problems.push(`manifest.json: staticTabs.${i}.${key}: host is not in validDomains`);
    }
  });
  manifest.configurableTabs?.forEach((tab, i) => {
    if (!onValidDomain(tab.configurationUrl))
      problems.push(`manifest.json: configurableTabs.${i}.configurationUrl: host is not in validDomains`);
  });
  const ids = manifest.staticTabs?.map((t) => t.entityId) ?? [];
  if (new Set(ids).size !== ids.length) problems.push('manifest.json: staticTabs: entityId must be unique');
  const sso = manifest.webApplicationInfo;
  if (sso) {
    if (sso.id !== manifest.bots[0]?.botId)
      problems.push("manifest.json: webApplicationInfo.id: must be the bot's app id (one Entra app for bot and tab)");
    const host = /^api:\/\/([^/]+)\//.exec(sso.resource)?.[1];
    if (!host || !hosts.has(host.toLowerCase()) || !sso.resource.endsWith(`/${sso.id}`))
      problems.push(
        'manifest.json: webApplicationInfo.resource: must be api://<a valid domain>/<webApplicationInfo.id>',
      );
  }
  return problems;
}
