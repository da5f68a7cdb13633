//go:build noasm || !gc || !amd64

package ubc

// CalculateDvMask takes as input an expanded message block and
// verifies the unavoidable bitconditions for all listed DVs. It returns
// a dvmask where each bit belonging to a DV is set if all unavoidable
// bitconditions for that DV have been met.
func CalculateDvMask(W *[80]uint32) uint32 {
	if W == nil {
		return 0
	}
	return calculateDvMaskGeneric(W)
}
