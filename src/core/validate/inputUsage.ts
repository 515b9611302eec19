import { rangeOf } from '../parse/tree';
import type { SelectorReference, ValidationContext } from './context';
import { kindsCompatible, NO_KIND } from './kinds';

/**
 * An input that accepts anything (`*`) but is plugged into fields that share no kind: no value can
 * satisfy both, and the server's interface description refuses it ("invalid usage of inputs").
 */
export function checkInputKindConflicts(ctx: ValidationContext): void {
  const uses = new Map<string, SelectorReference[]>();
  for (const ref of ctx.references) {
    if (ref.selector.kind !== 'input' || !ref.field?.selectorKinds.length || ref.field.selectorKinds.includes('*') || ref.field.selectorKinds.includes(NO_KIND)) continue;
    const list = uses.get(ref.selector.input);
    if (list) list.push(ref);
    else uses.set(ref.selector.input, [ref]);
  }
  for (const [name, refs] of uses) {
    const input = ctx.inputsByName.get(name);
    if (!input || !input.kinds.includes('*')) continue;
    const first = refs[0];
    const clash = refs.find((r) => !kindsCompatible(first.field!.selectorKinds, r.field!.selectorKinds));
    if (!clash) continue;
    ctx.findings.push({
      code: 'input-kind-conflict',
      severity: 'error',
      message: `Input \`${name}\` is used as ${first.field!.selectorKinds.join('/')} (\`${first.property}\` of \`${first.step?.name}\`) and as ${clash.field!.selectorKinds.join('/')} (\`${clash.property}\` of \`${clash.step?.name}\`); no single value can be both. Use a separate input for each.`,
      range: rangeOf(clash.node),
      related: [
        { message: `Used as ${first.field!.selectorKinds.join('/')} here`, range: rangeOf(first.node) },
        { message: `Input \`${name}\` is declared here`, range: rangeOf(input.nameNode ?? input.node) },
      ],
    });
  }
}
