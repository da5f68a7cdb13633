// Package triage turns scanner output (SARIF 2.1.0, or gcc-style
// "path:line: message" text) into candidates pinned to a workspace's
// commit, keeps them in an append-only file beside the journal, merges
// re-imports by fingerprint, and records each reviewer decision: confirm
// (a finding is made), dismiss with a reason, or skip.
//
// Imported text is hostile: it is stored unchanged and must be passed
// through repo/textsafe before it reaches a terminal.
package triage
