// Package toolinfo says what this sightline binary was built from: its
// version, the commit of sightline's own repository, the Go toolchain, the
// build settings, and every module linked in with its checksum.
//
// Reviewers inspect the tool that produces their evidence, so the answer
// comes from the binary itself (runtime/debug.ReadBuildInfo, or
// debug/buildinfo for another binary file), never from the network.
// Bundles record it; `sightline version` prints it; scripts/release.sh
// turns it into the release's SBOM.
//
// A build from the vendored tree (the default once vendor/ exists) carries
// no module checksums in its build info, so the checksums come from a copy
// of go.sum embedded here (modules.sum, kept equal to go.sum by a test and
// refreshed with `go generate ./review/toolinfo`).
package toolinfo
