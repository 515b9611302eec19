/**
 * A `continue_if` condition the engine accepts whatever the step's parameters: a group needs at least
 * one statement (an empty one is refused, "List should have at least 1 item"), and this one reads none.
 */
export const ALWAYS_TRUE = {
  type: 'StatementGroup',
  statements: [{ type: 'UnaryStatement', operand: { type: 'StaticOperand', value: true }, operator: { type: '(Boolean) is True' } }],
};
