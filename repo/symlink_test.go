package repo

import "testing"

func TestSymlinkOutside(t *testing.T) {
	for _, tc := range []struct {
		link, target string
		want         bool
	}{
		{"outside_link", "/etc/passwd", true},
		{"rel_outside_link", "../../../../root/.ssh/id_ed25519", true},
		{"link", "README.md", false},
		{"link", "./src/../README.md", false},
		{"link", "..", true},
		{"link", "a/../../x", true},
		{"a/b/link", "../../x", false},
		{"a/b/link", "../../../x", true},
		{"a/b/link", "../c/../../d", false},
		{"a/link", "x/../../../y", true},
		{"link", `..\..\windows`, true},
		{"link", `C:\Windows\System32`, true},
		{"link", `\\server\share`, true},
		{"link", "", false},
		{"a/link", ".", false},
		{"a/link", "...", false},
	} {
		if got := SymlinkOutside(tc.link, tc.target); got != tc.want {
			t.Errorf("SymlinkOutside(%q, %q) = %v, want %v", tc.link, tc.target, got, tc.want)
		}
	}
}
