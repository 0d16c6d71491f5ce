// The library entry: the pure pipeline stages, the reporters and the
// agreement statistics, for use without the CLI.
export type * from './types.js';
export { readNote } from './core/note.js';
export { parse } from './core/parse.js';
export { readCodebook } from './codebook/read.js';
export { currentIds, formerIds } from './codebook/lineage.js';
export { compileMatchers, matchSegment, foldForMatching } from './codebook/match.js';
export { readConfig } from './core/config.js';
export { aggregate, type Frequencies, type FrequencyRow } from './core/aggregate.js';
export { collectQuotes, type Quotes, type Quote } from './core/quotes.js';
export { suggest } from './core/suggest.js';
export { inferVariables } from './core/variables.js';
export { frequenciesCsv, frequenciesJson, frequenciesMarkdown, frequenciesTable } from './reporters/frequencies.js';
export { quotesCsv, quotesJson, quotesMarkdown, quotesTable } from './reporters/quotes.js';
export { diagnosticsGithub, diagnosticsJson, diagnosticsText } from './reporters/diagnostics.js';
export * from './agreement/statistics.js';
export { main } from './cli/main.js';
export { runPipeline, type PipelineOptions, type PipelineResult, type NoteFile } from './pipeline/run.js';
export { discover, type Project, type DiscoverOptions } from './pipeline/discover.js';
export type { Source, Listing, SourceRead } from './pipeline/source.js';
export { workingTreeSource, folderSource } from './pipeline/sources/working-tree.js';
export { gitRevisionSource } from './pipeline/sources/git-revision.js';
export { memorySource } from './pipeline/sources/memory.js';
export { pathMatcher } from './pipeline/glob.js';
export { RULES, ruleDocs, type Rule } from './model/rules.js';
export { analyses, REPORT_KINDS, type ReportKind, type ReportSpec, type KindResults } from './analyses/index.js';
export { reporters, formatsOf, render, type RenderContext } from './reporters/registry.js';
export { diagnosticsSarif } from './reporters/diagnostics.js';
