// The rule pack: the built-in rules shipped in the package's `rules/` folder, plus the YAML files of a
// user's folder (`--rules DIR`, or `rulesDir` in the lake's config). A user rule with a built-in's id
// replaces it, so a pack rule can be tuned without forking Tarn.

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TarnError } from '../tarn-error.ts';
import type { DetectionRule } from './detection-rule.ts';
import { loadRuleFile } from './rule-file.ts';

/** The package root's `rules/`, found from this file so it works from a checkout and an installed package. */
export const BUILT_IN_RULES_DIR = resolve(import.meta.dirname, '../../rules');

export type LoadedRule = ReturnType<typeof loadRuleFile>;

export function loadRuleDir(dir: string): LoadedRule[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  } catch (error) {
    throw new TarnError(`cannot read the rules folder ${dir}: ${(error as Error).message}`, 2);
  }
  const rules = names.sort().map((name) => loadRuleFile(join(dir, name)));
  const seen = new Map<string, string>();
  for (const rule of rules) {
    const other = seen.get(rule.id);
    if (other !== undefined) throw new TarnError(`rule id "${rule.id}" is defined twice: ${other} and ${rule.file}`, 2);
    seen.set(rule.id, rule.file);
  }
  return rules;
}

let builtInPack: LoadedRule[] | undefined;

/** The built-in pack, parsed once per process (its YAML took 0.15 s, and `tarn detect` read it twice). */
function builtInRules(): LoadedRule[] {
  builtInPack ??= loadRuleDir(BUILT_IN_RULES_DIR);
  return [...builtInPack];
}

/** Every rule, built-in first, a user's folder overriding by id; disabled rules included (see `enabled`). */
export function loadRules(userDir?: string): LoadedRule[] {
  const builtIn = builtInRules();
  if (userDir === undefined) return builtIn;
  const user = loadRuleDir(userDir);
  const overridden = new Set(user.map((rule) => rule.id));
  return [...builtIn.filter((rule) => !overridden.has(rule.id)), ...user];
}

/** The built-in pack's enabled rules, in the order `tarn detect` runs and lists them. */
export const DETECTION_RULES: readonly DetectionRule[] = builtInRules().filter((r) => r.enabled);
