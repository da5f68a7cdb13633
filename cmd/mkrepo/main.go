// Command mkrepo writes a deterministic synthetic git repository for the
// benchmark harness: N files in a realistic directory shape and M commits
// of realistic edits, all derived from one seed, so that the same flags
// always give the same HEAD.
//
//	mkrepo -o DIR -files N -commits M -seed S
//
// The repository is non-bare with no checkout (objects and refs only), in
// one packfile. Besides branch main it has the tag mkrepo-base a quarter
// of the way into history, and DIR/.git/mkrepo.json names the files the
// harness measures.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// Manifest describes a generated repository; it is written to
// .git/mkrepo.json for the harness.
type Manifest struct {
	Seed       uint64 `json:"seed"`
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

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mkrepo:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ error }

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mkrepo", flag.ContinueOnError)
	out := fs.String("o", "", "directory to create (must not exist or be empty)")
	files := fs.Int("files", 1000, "number of files at HEAD (at least 10)")
	commits := fs.Int("commits", 1000, "number of commits (at least 1)")
	seed := fs.Uint64("seed", 1, "seed; the same seed and sizes give the same HEAD")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	switch {
	case *out == "":
		return usageError{errors.New("-o DIR is required")}
	case *files < 10:
		return usageError{fmt.Errorf("-files %d: need at least 10", *files)}
	case *commits < 1:
		return usageError{fmt.Errorf("-commits %d: need at least 1", *commits)}
	}
	start := time.Now()
	m, err := Generate(*out, *files, *commits, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "mkrepo: %s: %d files, %d commits, %d objects, HEAD %s, in %.1fs\n",
		*out, m.Files, m.Commits, m.Objects, m.Head, time.Since(start).Seconds())
	return nil
}

// Generate writes the repository into dir and returns its manifest.
func Generate(dir string, files, commits int, seed uint64) (Manifest, error) {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return Manifest{}, fmt.Errorf("%s exists and is not empty; remove it or pick another -o", dir)
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
		Seed: seed, Files: len(g.paths), Commits: g.commits, Objects: pack.count,
		Head: g.head.String(), Base: g.base.String(), BaseTag: BaseTag,
		BlameFile: BlameFile, MediumFile: MediumFile, MiBFile: MiBFile, LongFile: LongFile,
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, err
	}
	return m, os.WriteFile(filepath.Join(gitDir, "mkrepo.json"), append(b, '\n'), 0o644)
}
