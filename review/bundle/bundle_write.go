package bundle

import (
	"fmt"
	"os"
	"path/filepath"
)

// durableFile is one file of a set written by writeFilesDurably.
type durableFile struct {
	path string
	data []byte
	mode os.FileMode
}

// writeFilesDurably writes files crash-safely, in order: each goes to a
// temporary file in dir, is fsynced, then renamed into place, with the
// directory fsynced after every rename. Putting the signature last means a
// crash never leaves a new signature beside a bundle it does not sign: at
// worst the old signature sits beside the new bundle and fails to verify.
func writeFilesDurably(dir string, files []durableFile) error {
	tmps := make([]string, 0, len(files))
	defer func() {
		for _, t := range tmps {
			_ = os.Remove(t) // no-op once renamed
		}
	}()
	for _, f := range files {
		tmp, err := writeBundleTemp(dir, filepath.Base(f.path), f.data, f.mode)
		if err != nil {
			return err
		}
		tmps = append(tmps, tmp)
	}
	for i, f := range files {
		if err := os.Rename(tmps[i], f.path); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		if err := syncBundleDir(dir); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	return nil
}

// writeBundleTemp writes data to a fresh temporary file beside the target
// and fsyncs it before returning its name.
func writeBundleTemp(dir, base string, data []byte, mode os.FileMode) (string, error) {
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", filepath.Join(dir, base), err)
	}
	name := f.Name()
	fail := func(err error) (string, error) {
		_ = f.Close()
		_ = os.Remove(name)
		return "", fmt.Errorf("write %s: %w", filepath.Join(dir, base), err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(name)
		return "", fmt.Errorf("write %s: %w", filepath.Join(dir, base), err)
	}
	return name, nil
}

// syncBundleDir makes the renames in dir durable: rename is atomic but, without
// this, not durable (SECURITY-NOTES §5.1).
func syncBundleDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
