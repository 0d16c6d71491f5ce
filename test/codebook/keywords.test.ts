// Language-aware keywords (issue 13, item 5): the codebook's `languages:`
// picks Snowball stemmers, Dutch keywords find compounds they head or start,
// and every example of the bundled codebook is found by its own code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCodebook } from '../../src/codebook/read.js';
import { compileMatchers, matchSegment } from '../../src/codebook/match.js';
import { ROOT } from '../helpers/cli.js';
import type { Codebook } from '../../src/types.js';

function codebookWith(languages: string[], keywords: string[], patterns: string[] = []): Codebook {
  const yaml = `name: t\nlanguages: [${languages.join(', ')}]\ncodes:\n  - id: c\n    keywords: [${keywords.map((k) => JSON.stringify(k)).join(', ')}]\n    patterns: [${patterns.map((p) => JSON.stringify(p)).join(', ')}]\n`;
  const { codebook, diagnostics } = readCodebook('codebook.yaml', yaml);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return codebook;
}

/** The words of `text` that the codebook's keywords find. */
function found(codebook: Codebook, text: string): string[] {
  return matchSegment({ text }, compileMatchers(codebook)).map((match) => match.matched);
}

describe('Dutch stemming', () => {
  const dutch = codebookWith(['nl'], ['schamen', 'formulier']);

  it('finds schaam, schaamde and schamen for the keyword schamen', () => {
    expect(found(dutch, 'Ik schaam me.')).toEqual(['schaam']);
    expect(found(dutch, 'Ze schaamde zich diep.')).toEqual(['schaamde']);
    expect(found(dutch, 'Wij schamen ons niet.')).toEqual(['schamen']);
    expect(found(dutch, 'Ze hebben zich geschaamd, en schaamden zich later weer.')).toEqual(['geschaamd', 'schaamden']);
    expect(found(dutch, 'Hij schaamt zich.')).toEqual(['schaamt']);
  });

  it('finds aanvraagformulier for formulier (head) and formulierenstapel (modifier)', () => {
    expect(found(dutch, 'Het aanvraagformulier is lang.')).toEqual(['aanvraagformulier']);
    expect(found(dutch, 'Alle formulieren lagen op een formulierenstapel.')).toEqual(['formulieren', 'formulierenstapel']);
  });

  it('keeps the minimum lengths against false hits', () => {
    const short = codebookWith(['nl'], ['moed', 'begrip', 'grip', 'gemeen']);
    // `moed` is too short to head a compound: armoede is not about courage.
    expect(found(short, 'Over armoede praten we niet.')).toEqual([]);
    // `on` is too short to be the other part of a compound.
    expect(found(short, 'Er was veel onbegrip.')).toEqual([]);
    // `grip` is four letters: no compound, so begrip is not grip.
    expect(found(short, 'Ze toonden begrip.')).toEqual(['begrip']);
    // 't kofschip: gemeen + te is no past tense (a voiced n takes -de).
    expect(found(short, 'Ik bel de gemeente.')).toEqual([]);
    // A modifier is read as written: the stem fragments `teruggev` and `scham` start other words.
    const verbs = codebookWith(['nl'], ['teruggeven', 'schamen', 'doorzetten']);
    expect(found(verbs, 'Hij is teruggevallen, schamper.')).toEqual([]);
    expect(found(verbs, 'Wat een doorzetvermogen.')).toEqual(['doorzetvermogen']);
  });

  it('keeps wildcards and patterns as they were: separable verbs stay patterns', () => {
    const book = codebookWith(['nl'], ['wederkerig*', 'opgeven'], ['\\b(geef|gaf)\\b(\\s+\\pL+){0,4}\\s+op\\b']);
    expect(found(book, 'Wederkerigheid telt.')).toEqual(['Wederkerigheid']);
    expect(found(book, 'Ik geef het niet op.')).toEqual(['geef het niet op']);
    expect(found(book, 'Opgeven is geen optie.')).toEqual(['Opgeven']);
  });
});

describe('English stemming', () => {
  it('matches inflections word by word, also in phrases', () => {
    const english = codebookWith(['en'], ['give back', 'look down on', 'application']);
    expect(found(english, 'She is giving back to the group.')).toEqual(['giving back']);
    expect(found(english, 'Nobody looks down on you.')).toEqual(['looks down on']);
    expect(found(english, 'Three applications went out.')).toEqual(['applications']);
    // No compounds in English.
    expect(found(english, 'The reapplication failed.')).toEqual([]);
  });
});

describe('without a stemmed language', () => {
  it('matches keywords as written, as before', () => {
    const plain = codebookWith([], ['schamen', 'formulier']);
    expect(found(plain, 'Ik schaam me voor het aanvraagformulier.')).toEqual([]);
    expect(found(plain, 'Wij schamen ons voor het formulier.')).toEqual(['schamen', 'formulier']);
  });

  it('warns, positioned, about a language it cannot stem', () => {
    const { diagnostics } = readCodebook('codebook.yaml', 'name: t\nlanguages: [nl-BE, fr]\ncodes:\n  - id: c\n');
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'codebook.yaml', line: 2, column: 20, severity: 'warning', ruleId: 'unknown-language' }),
    ]);
    expect(diagnostics[0].message).toContain('Unexpected language `fr`');
  });
});

describe('the bundled working-components codebook', () => {
  const path = join(ROOT, 'codebook', 'working-components.yaml');
  const { codebook, diagnostics } = readCodebook(path, readFileSync(path, 'utf8'));
  const matchers = compileMatchers(codebook);

  it('reads without problems and stems English and Dutch', () => {
    expect(diagnostics).toEqual([]);
    expect(codebook.languages).toEqual(['en', 'nl']);
  });

  const examples = codebook.codes.flatMap((code) => code.examples.map((example) => [code.id, example] as const));
  it.each(examples)('%s: its own keywords or patterns find “%s”', (id, example) => {
    expect(matchSegment({ text: example }, matchers).map((match) => match.code)).toContain(id);
  });

  it('is the codebook the example project uses, byte for byte', () => {
    expect(readFileSync(join(ROOT, 'examples', 'peer-groups', 'codebook', 'working-components.yaml'), 'utf8')).toBe(readFileSync(path, 'utf8'));
  });
});
