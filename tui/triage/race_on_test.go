//go:build race

package triage

// raceEnabled: timing tests skip under the race detector, which slows code ten to a hundred times.
const raceEnabled = true
