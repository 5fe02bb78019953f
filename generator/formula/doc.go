// Package formula compiles the formulas of SPEC §5 (numbers, field and
// constant names, + - * /, parentheses, min(a, b), max(a, b); in conditions
// also comparisons, and, or, not) and evaluates them in float64. It uses
// expr-lang's lexer and parser for the syntax and positions, rejects every
// token and node the SPEC does not allow, and evaluates the tree itself
// (closures built once, run per entity) so that a missing field, a
// division by zero or a non-finite result makes the value missing.
//
// Decisions where the SPEC is silent:
//   - Numbers are decimal: 12, 0.5, .5, 1e3. No 0x/0b/0o, no underscores.
//   - min and max take exactly two arguments; a missing argument makes the
//     result missing.
//   - A condition is true only when it can be computed and holds. Any
//     missing or non-finite value it needs makes it "not computable", even
//     an operand of and/or whose other side would decide the result
//     (no short-circuit), and not of a not-computable condition is still
//     not computable. A valid_if that is not computable makes the value
//     missing, like a false one.
//   - not binds looser than arithmetic and comparisons and tighter than and
//     and or: `not cases > 5` is not (cases > 5).
//   - Chained comparisons (a < b < c), &&, ||, !, comments and every other
//     expr construct are errors saying what is allowed.
//   - Words that expr reserves (in, contains, matches, let, if, else, and,
//     or, not, true, false, nil) cannot be used as field or constant names
//     in formulas.
package formula
