//go:build !race

package symbols

// raceEnabled lets the heaviest tests step aside under -race, where they
// run ten times slower and measure the detector rather than the code.
const raceEnabled = false
