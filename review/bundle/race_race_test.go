//go:build race

package bundle

// raceBuild skips the wrong-passphrase check under the race detector,
// where each bcrypt-pbkdf run takes seconds; the plain run covers it.
const raceBuild = true
