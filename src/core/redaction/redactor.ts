import { CREDENTIAL_PATTERNS, credentialAfterTrigger, type CredentialPattern, type TextSpan } from './credentialPatterns';
import { KeywordAutomaton, type Keyword } from './keywordAutomaton';
import { maskSpans } from './maskSpans';
import { redactJson } from './redactJson';
import { secretSpellings } from './secretVariants';
import { TwoViewScanner } from './twoViewScanner';

export const REDACTED = '[REDACTED]';

export interface RedactorOptions {
  /** Text that replaces each masked stretch; `[REDACTED]` by default. */
  replacement?: string;
}

/** What a keyword found by the automaton stands for. */
type KeywordMeaning = { kind: 'secret' } | { kind: 'trigger'; pattern: CredentialPattern };

interface CompiledMatcher {
  scanner: TwoViewScanner;
  /** What each keyword of the text automaton stands for; every packed keyword is a secret. */
  meanings: KeywordMeaning[];
}

/**
 * Masks every secret used in a run, in any text about to be shown or logged: each secret's exact
 * value, its JSON-escaped, percent-encoded, HTML-escaped, Python-printed and UTF-16 spellings, a
 * truncated prefix that leaves little unseen, and its base64 and hex however they are wrapped or
 * escaped (see `secretSpellings` and `packedView`), plus credentials recognised by shape
 * (`CREDENTIAL_PATTERNS`). All of them are found in one pass by two automata read side by side
 * (`TwoViewScanner`), rebuilt lazily when secrets are added.
 *
 * Redaction is a second line of defence, never a guarantee: a secret transformed in another way
 * (hashed, split, re-encoded twice in base64) gets through. Keep secrets out of responses first.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly replacement: string;
  private matcher: CompiledMatcher | undefined;

  constructor(secrets: Iterable<string> = [], options: RedactorOptions = {}) {
    this.replacement = options.replacement ?? REDACTED;
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret to mask from now on, and its trimmed form (keys are often pasted with a
   * trailing newline). Empty values are ignored; adding twice is harmless. */
  add(secret: string): void {
    for (const value of [secret, secret.trim()]) {
      if (value.length === 0 || this.secrets.has(value)) continue;
      this.secrets.add(value);
      this.matcher = undefined;
    }
  }

  get secretCount(): number {
    return this.secrets.size;
  }

  /** `text` with every secret and recognised credential replaced; the same string if nothing matched. */
  redact(text: string): string {
    const { scanner, meanings } = this.compiledMatcher();
    let spans: TextSpan[] | undefined;
    scanner.scan(
      text,
      (keywordIndex, start, end) => {
        const meaning = meanings[keywordIndex];
        const span = meaning.kind === 'secret' ? { start, end } : credentialAfterTrigger(meaning.pattern, text, start, end);
        if (span) (spans ??= []).push(span);
      },
      (_keywordIndex, start, end) => (spans ??= []).push({ start, end }),
    );
    return spans ? maskSpans(text, spans, this.replacement) : text;
  }

  /** A copy of a JSON value with every string (object keys included) redacted. If two keys
   * redact to the same text, the later one wins. */
  redactDeep<T>(value: T): T {
    return redactJson(value, (text) => this.redact(text));
  }

  private compiledMatcher(): CompiledMatcher {
    if (this.matcher) return this.matcher;
    const keywords: Keyword[] = [];
    const meanings: KeywordMeaning[] = [];
    const textSpellings = new Set<string>();
    const packedSpellings = new Set<string>();
    for (const secret of this.secrets) {
      const { text, packed } = secretSpellings(secret);
      for (const spelling of text) textSpellings.add(spelling);
      for (const spelling of packed) packedSpellings.add(spelling);
    }
    for (const spelling of textSpellings) {
      keywords.push({ text: spelling, caseSensitive: true });
      meanings.push({ kind: 'secret' });
    }
    for (const pattern of CREDENTIAL_PATTERNS) {
      for (const trigger of pattern.triggers) {
        keywords.push({ text: trigger, caseSensitive: pattern.caseSensitive });
        meanings.push({ kind: 'trigger', pattern });
      }
    }
    const packed = [...packedSpellings].map((text) => ({ text, caseSensitive: true }));
    const packedAutomaton = packed.length > 0 ? new KeywordAutomaton(packed, { foldCase: false }) : undefined;
    this.matcher = { scanner: new TwoViewScanner(new KeywordAutomaton(keywords), packedAutomaton), meanings };
    return this.matcher;
  }
}
