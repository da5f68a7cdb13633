package artifact

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"sightline/repo"
)

// catalogueVersion is the format version written and accepted.
const catalogueVersion = 1

// KnownFile is one trusted upstream file: a name (the base name), where
// it was catalogued, its blob id and size, and its m4 serial line.
type KnownFile struct {
	Name   string    `json:"name"`
	Path   string    `json:"path,omitempty"`
	Blob   repo.Hash `json:"-"`
	Size   int64     `json:"size"`
	Serial string    `json:"serial,omitempty"`
}

// knownJSON is KnownFile as stored, with the blob id in hex.
type knownJSON struct {
	Name   string `json:"name"`
	Path   string `json:"path,omitempty"`
	Blob   string `json:"blob"`
	Size   int64  `json:"size"`
	Serial string `json:"serial,omitempty"`
}

// Catalogue is a set of trusted upstream files, looked up by name.
type Catalogue struct {
	Files  []KnownFile
	byName map[string][]int
}

// ErrNotCatalogue is a --known file that is not a catalogue.
var ErrNotCatalogue = errors.New("not a sightline catalogue")

// Named returns the catalogued files with the base name name.
func (c *Catalogue) Named(name string) []KnownFile {
	if c == nil {
		return nil
	}
	var out []KnownFile
	for _, i := range c.byName[name] {
		out = append(out, c.Files[i])
	}
	return out
}

// Add puts files into the catalogue, once per (name, blob).
func (c *Catalogue) Add(files ...KnownFile) {
	if c.byName == nil {
		c.byName = map[string][]int{}
	}
	for _, f := range files {
		dup := false
		for _, i := range c.byName[f.Name] {
			dup = dup || c.Files[i].Blob == f.Blob
		}
		if !dup {
			c.byName[f.Name] = append(c.byName[f.Name], len(c.Files))
			c.Files = append(c.Files, f)
		}
	}
}

// LoadKnown adds what path names to the catalogue: a directory of
// trusted files (every regular file under it), or a catalogue file.
func (c *Catalogue) LoadKnown(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return c.addDir(ctx, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return c.read(f, path)
}

// addDir catalogues every regular file under dir. Symlinks to files are
// followed (distributions link m4 files between packages); directories
// behind symlinks are not, so a loop cannot trap the walk.
func (c *Catalogue) addDir(ctx context.Context, dir string) error {
	base := filepath.Base(filepath.Clean(dir))
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			return nil // a dangling link or a device is no upstream file
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h, serial, err := hashBlob(f, st.Size(), isM4(p))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		rel, _ := filepath.Rel(dir, p)
		c.Add(KnownFile{Name: filepath.Base(p), Path: filepath.ToSlash(filepath.Join(base, rel)), Blob: h, Size: st.Size(), Serial: serial})
		return nil
	})
}

// catalogueFile is the JSON file format.
type catalogueFile struct {
	Format  string      `json:"format"`
	Version int         `json:"version"`
	Files   []knownJSON `json:"files"`
}

const catalogueFormat = "sightline-catalogue"

// read adds a catalogue file's entries.
func (c *Catalogue) read(r io.Reader, name string) error {
	var cf catalogueFile
	dec := json.NewDecoder(io.LimitReader(r, 256<<20))
	if err := dec.Decode(&cf); err != nil || cf.Format != catalogueFormat {
		return fmt.Errorf("%s: %w (make one with 'sightline known build DIR... -o FILE', or give a directory)", name, ErrNotCatalogue)
	}
	if cf.Version != catalogueVersion {
		return fmt.Errorf("%s: catalogue version %d, this sightline reads version %d", name, cf.Version, catalogueVersion)
	}
	for i, k := range cf.Files {
		h, err := repo.ParseHash(k.Blob)
		if err != nil || k.Name == "" || k.Size < 0 {
			return fmt.Errorf("%s: file %d: want a name, a 40-digit blob id and a size", name, i+1)
		}
		c.Add(KnownFile{Name: k.Name, Path: k.Path, Blob: h, Size: k.Size, Serial: k.Serial})
	}
	return nil
}

// Write stores the catalogue as JSON, sorted by name and path, so that
// the same directories give the same file.
func (c *Catalogue) Write(w io.Writer) error {
	cf := catalogueFile{Format: catalogueFormat, Version: catalogueVersion, Files: []knownJSON{}}
	for _, f := range c.Files {
		cf.Files = append(cf.Files, knownJSON{Name: f.Name, Path: f.Path, Blob: f.Blob.String(), Size: f.Size, Serial: f.Serial})
	}
	sort.Slice(cf.Files, func(i, j int) bool {
		a, b := cf.Files[i], cf.Files[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Path < b.Path
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(cf)
}
