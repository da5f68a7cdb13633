// Package synth builds large synthetic repositories for benchmarks and
// tests; it is never used by the product, which only reads repositories.
//
// Generate writes a deterministic git repository: N files in a realistic
// directory shape and M commits of realistic edits (small edits, renames,
// file churn, merges of topic branches, tree-wide refactors), all derived
// from one seed, so that the same sizes and seed always give the same
// HEAD. Objects go straight into one packfile rather than loose objects:
// a hundred thousand files and twenty thousand commits then take minutes,
// not an hour. go-git supplies hashing, deltas, the pack index format and
// the references.
//
// It lives under repo/ because only packages there may import go-git
// (docs/ARCHITECTURE.md); cmd/mkrepo is its command-line front end.
package synth
