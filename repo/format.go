package repo

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// checkFormat reads the repository's config for features go-git v5 cannot
// read, and names them, so the reviewer learns what to ask the vendor for
// instead of seeing go-git's terse "unknown extension".
func checkFormat(gitDir string) error {
	f, err := os.Open(filepath.Join(gitDir, "config"))
	if err != nil {
		return nil // a bare snapshot may have no config; go-git copes
	}
	defer f.Close()
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			// "[name]" or "[name "sub"]"; a hostile "[]" must not panic.
			section = ""
			if f := strings.Fields(strings.Trim(line, "[]")); len(f) > 0 {
				section = strings.ToLower(strings.Trim(f[0], "\""))
			}
			continue
		}
		if section != "extensions" && section != "remote" || line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		key, value, _ := strings.Cut(line, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.ToLower(strings.TrimSpace(value))
		if section == "remote" {
			// Newer git marks a partial clone by a promisor remote, not
			// by extensions.partialclone.
			if key == "promisor" && (value == "true" || value == "yes" || value == "on" || value == "1") {
				return partialCloneError(gitDir, "a promisor remote")
			}
			continue
		}
		switch {
		case key == "objectformat" && value == "sha256":
			return fmt.Errorf("open %s: %w: the repository uses the SHA-256 object format, which this build (go-git v5) cannot read; ask for a SHA-1 clone or a git bundle converted to SHA-1", gitDir, ErrUnsupportedFormat)
		case key == "partialclone":
			return partialCloneError(gitDir, "extensions.partialclone")
		case key == "noop" || key == "objectformat" && value == "sha1":
		default:
			return fmt.Errorf("open %s: %w: extension %q in .git/config is not supported by go-git v5; supply a full clone or a git bundle (git bundle create vendor.bundle --all)", gitDir, ErrUnsupportedFormat, key)
		}
	}
	if promisor, _ := filepath.Glob(filepath.Join(gitDir, "objects", "pack", "*.promisor")); len(promisor) > 0 {
		return partialCloneError(gitDir, "a promisor pack")
	}
	return nil
}

// partialCloneError names a partial clone: objects the reviewer needs may
// be missing, and go-git v5 cannot fetch them (nor may sightline).
func partialCloneError(gitDir, sign string) error {
	return fmt.Errorf("open %s: %w: the repository is a partial clone (%s), so objects may be missing; supply a full clone or a git bundle (git bundle create vendor.bundle --all)", gitDir, ErrUnsupportedFormat, sign)
}
