package review

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sightline/repo"
)

// Rev names a commit under review: its full id, its root tree, and the
// revision the reviewer typed.
type Rev struct {
	Commit string `json:"commit"`
	Tree   string `json:"tree"`
	Ref    string `json:"ref"`
}

// RevOf turns a repo.Pin into a Rev.
func RevOf(p repo.Pin) Rev {
	return Rev{Commit: p.Commit.String(), Tree: p.Tree.String(), Ref: p.Ref}
}

// Meta says which review a workspace holds. It is the first event of the
// journal; a workspace refuses to open for another pin.
type Meta struct {
	Repository   string `json:"repository"`   // display name (the directory name by default)
	GitDir       string `json:"gitDir"`       // where the repository was when the review began; informational
	ObjectFormat string `json:"objectFormat"` // "sha1" (go-git v5 reads nothing else)
	Pin          Rev    `json:"pin"`
	Base         *Rev   `json:"base,omitempty"`     // the older commit of a diff review
	Reviewer     string `json:"reviewer,omitempty"` // default reviewer for new findings
}

// MetaFor describes a review of r at pin (and base, when not nil).
func MetaFor(r *repo.Repo, pin repo.Pin, base *repo.Pin, reviewer string) Meta {
	m := Meta{Repository: r.Name(), GitDir: r.GitDir(), ObjectFormat: "sha1", Pin: RevOf(pin), Reviewer: reviewer}
	if base != nil {
		b := RevOf(*base)
		m.Base = &b
	}
	return m
}

// DefaultDir is where the workspace for a review of the repository at
// gitDir pinned at pin lives unless the reviewer names one:
// $XDG_DATA_HOME/sightline/workspaces/NAME-PIN-HASH (XDG_DATA_HOME
// defaulting to ~/.local/share), where HASH is taken from gitDir so two
// clones with one name do not share a workspace. It is never inside the
// repository.
func DefaultDir(name, gitDir string, pin repo.Hash) (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(base) { // the XDG spec says to ignore a relative value
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return "", errors.New("cannot find a data directory: set XDG_DATA_HOME or HOME, or pass --workspace DIR")
		}
		base = filepath.Join(home, ".local", "share")
	}
	d := sha256.Sum256([]byte(gitDir))
	leaf := fmt.Sprintf("%s-%s-%s", safeName(name), pin.Short(), hex.EncodeToString(d[:4]))
	return filepath.Join(base, "sightline", "workspaces", leaf), nil
}

// safeName keeps a repository name usable in a directory name: letters,
// digits, '.', '_' and '-', at most 40 bytes.
func safeName(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 40 {
			break
		}
	}
	out := strings.TrimLeft(b.String(), ".")
	if out == "" {
		return "repo"
	}
	return out
}

// DefaultReviewer is the login name, the last resort for a finding's
// reviewer after --reviewer and the workspace's setting. It reads
// /etc/passwd itself (loginName) rather than calling os/user, whose cgo
// build asks the C library's name service: nscd, and through it LDAP or
// SSSD, which is network traffic in a room that must have none.
func DefaultReviewer() string {
	if s := loginName(os.Getuid()); s != "" {
		return s
	}
	for _, k := range []string{"USER", "LOGNAME", "USERNAME"} {
		if s := os.Getenv(k); s != "" {
			return s
		}
	}
	return "unknown"
}
