package repotest

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// MappedRSS is the resident size, in KiB, of this process's mappings of
// the files whose path mapped accepts (from /proc/self/smaps): how much
// of a mapped pack a reader still holds. It skips t without /proc.
func MappedRSS(t testing.TB, mapped func(path string) bool) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in, total := false, 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 5 && strings.Contains(fields[0], "-") {
			in = mapped(fields[len(fields)-1])
			continue
		}
		if in && len(fields) >= 2 && fields[0] == "Rss:" {
			n, _ := strconv.Atoi(fields[1])
			total += n
		}
	}
	return total
}
