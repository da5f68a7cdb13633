package synth

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// ManifestFile is the manifest's name inside the .git directory.
const ManifestFile = "mkrepo.json"

// ErrNotEmpty means the target directory already holds something:
// Generate never writes over existing files.
var ErrNotEmpty = errors.New("exists and is not empty")

// Manifest describes a generated repository; Generate writes it to
// .git/mkrepo.json for the benchmark harness.
type Manifest struct {
	Seed       uint64 `json:"seed"`
	Shape      string `json:"shape"`
	Files      int    `json:"files"`
	Commits    int    `json:"commits"`
	Objects    uint32 `json:"objects"`
	Head       string `json:"head"`
	Base       string `json:"base"`
	BaseTag    string `json:"base_tag"`
	BlameFile  string `json:"blame_file"`
	MediumFile string `json:"medium_file"`
	MiBFile    string `json:"mib_file"`
	LongFile   string `json:"long_file"`
}

// Generate writes a repository with files files at HEAD and commits
// commits into dir, which must not exist or be empty, and returns its
// manifest. The repository is non-bare with no checkout (objects and refs
// only), in one packfile. Besides branch main it has the tag BaseTag a
// quarter of the way into history.
func Generate(dir string, files, commits int, seed uint64) (Manifest, error) {
	return GenerateShape(dir, files, commits, seed, Shape{})
}

// GenerateShape is Generate with a history of the given shape.
func GenerateShape(dir string, files, commits int, seed uint64, shape Shape) (Manifest, error) {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return Manifest{}, fmt.Errorf("%s %w", dir, ErrNotEmpty)
	}
	g0, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		return Manifest{}, fmt.Errorf("init %s: %w", dir, err)
	}
	gitDir := filepath.Join(dir, ".git")
	pack, err := newPackWriter(filepath.Join(gitDir, "objects", "pack"))
	if err != nil {
		return Manifest{}, err
	}
	g := newGen(seed, pack)
	g.shape = shape
	if err := g.initial(files); err != nil {
		return Manifest{}, err
	}
	if err := g.history(commits); err != nil {
		return Manifest{}, err
	}
	if _, err := pack.finish(); err != nil {
		return Manifest{}, fmt.Errorf("write pack: %w", err)
	}
	st := g0.Storer
	if err := st.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), g.head)); err != nil {
		return Manifest{}, err
	}
	if err := st.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName(BaseTag), g.base)); err != nil {
		return Manifest{}, err
	}
	m := Manifest{
		Seed: seed, Shape: shape.String(), Files: len(g.paths), Commits: g.commits, Objects: pack.count,
		Head: g.head.String(), Base: g.base.String(), BaseTag: BaseTag,
		BlameFile: BlameFile, MediumFile: MediumFile, MiBFile: MiBFile, LongFile: LongFile,
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, err
	}
	return m, os.WriteFile(filepath.Join(gitDir, ManifestFile), append(b, '\n'), 0o644)
}
