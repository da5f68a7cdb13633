// Package linediff marks which lines two versions of a file changed: the
// line diff under repo's diffs, counts and blame. It follows the steps of
// git's xdiff, so that both the counts and the placement of changed lines
// come out as git's (blame depends on the placement: which of two identical "}" lines is the
// new one decides who is blamed for it):
//
//  0. for blame, which wants no context lines, the files' common tail is
//     cut in 1024-byte blocks first, as git's xdi_diff does (DiffNoContext);
//  1. lines are interned to integers (ids); the common head and tail are
//     set aside;
//  2. a line the other side lacks is changed outright; a line the other
//     side has very often is set aside too when it sits among such lines
//     (git's "multimatch" rule, which keeps runs of blank lines and braces
//     from steering the search);
//  3. the rest is compared with Myers' O(ND) algorithm, splitting at the
//     middle snake found from both ends at once, in linear space, with
//     git's cost caps for huge dissimilar regions;
//  4. each run of changes is slid among identical lines: aligned with a
//     change on the other side when it can be, else placed where the
//     indentation suggests a block boundary (git's indent heuristic).
package linediff
