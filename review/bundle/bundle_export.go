package bundle

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"sightline/repo"
	"sightline/review"
)

// ExportFormat is what Export writes.
type ExportFormat string

// The export formats. Only the bundle is the signed record the verifier
// checks; SARIF and Markdown are for viewers and people, and are signed
// too when a signer is given.
const (
	FormatBundle   ExportFormat = "bundle"
	FormatSARIF    ExportFormat = "sarif"
	FormatMarkdown ExportFormat = "markdown"
)

// ParseExportFormat accepts bundle, sarif or markdown.
func ParseExportFormat(s string) (ExportFormat, error) {
	switch f := ExportFormat(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatBundle, FormatSARIF, FormatMarkdown:
		return f, nil
	case "md":
		return FormatMarkdown, nil
	}
	return "", fmt.Errorf("format %q: %w; use bundle, sarif or markdown", s, review.ErrInvalid)
}

// ExportOptions says what to export and where. The command line and the
// TUI's export dialog both fill it in and call Export.
type ExportOptions struct {
	Workspace *review.Workspace
	// Repo is the repository under review. It is needed for snippets and,
	// when Totals is nil, to count the files and lines at the pin.
	Repo            *repo.Repo
	Totals          *review.Totals
	Identity        string     // the reviewer principal that signs
	Signer          ssh.Signer // required for FormatBundle
	Format          ExportFormat
	Output          string // the file to write; the signature goes to Output+".sig"
	IncludeSnippets bool
	Now             time.Time // zero: time.Now(); SOURCE_DATE_EPOCH overrides both
	ToolVersion     string    // "" means the build's module version
	// Team returns the workspace's team stores as the bundle records them
	// (review/team.Bundles); nil exports the workspace's own findings only.
	Team func(wsDir string) ([]BundleTeam, error)
}

// Export writes the review in opts.Format to opts.Output and, when there
// is a signer, its detached SSHSIG signature to Output+".sig", crash-safely
// with the signature renamed into place last. It returns the paths written.
func Export(ctx context.Context, opts ExportOptions) ([]string, error) {
	if opts.Workspace == nil {
		return nil, errors.New("no workspace")
	}
	if opts.Format == "" {
		opts.Format = FormatBundle
	}
	if opts.Format == FormatBundle && opts.Signer == nil {
		return nil, fmt.Errorf("%w: a bundle must be signed; give --key FILE or --agent", review.ErrInvalid)
	}
	if opts.Output == "" {
		return nil, fmt.Errorf("%w: no output file (-o)", review.ErrInvalid)
	}
	if opts.Signer != nil {
		if err := review.CheckIdentity(opts.Identity); err != nil {
			return nil, fmt.Errorf("identity %q: %w", opts.Identity, err)
		}
	}
	if opts.Repo != nil {
		if err := opts.Repo.RefuseInside(opts.Output); err != nil {
			return nil, fmt.Errorf("%w; choose another output file", err)
		}
	}
	if fi, err := os.Stat(filepath.Dir(opts.Output)); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("output directory %s does not exist; create it first", filepath.Dir(opts.Output))
	}
	b, err := exportBundle(ctx, opts)
	if err != nil {
		return nil, err
	}
	data, err := renderExport(b, opts.Format)
	if err != nil {
		return nil, err
	}
	files := []durableFile{{opts.Output, data, 0o644}}
	if opts.Signer != nil {
		sig, err := SignBundle(data, opts.Signer)
		if err != nil {
			return nil, fmt.Errorf("%w", err)
		}
		files = append(files, durableFile{opts.Output + ".sig", sig, 0o644})
	}
	if err := writeFilesDurably(filepath.Dir(opts.Output), files); err != nil {
		return nil, err
	}
	written := make([]string, len(files))
	for i, f := range files {
		written[i] = f.path
	}
	return written, nil
}

// exportBundle gathers the workspace's state into a Bundle.
func exportBundle(ctx context.Context, opts ExportOptions) (*Bundle, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	created, err := CreatedTime(now)
	if err != nil {
		return nil, fmt.Errorf("%w", err)
	}
	ws := opts.Workspace
	head := ws.Head()
	in := BundleInput{Meta: ws.Meta(), Reviewer: opts.Identity, Created: created,
		Findings: ws.Findings(), Reviewed: ws.Reviewed(), ToolVersion: opts.ToolVersion, Journal: &head,
		Provenance: ws.Provenance()}
	totals := opts.Totals
	if totals == nil {
		if opts.Repo == nil {
			return nil, errors.New("coverage totals need the repository")
		}
		t, err := CountTotals(ctx, opts.Repo, in.Meta)
		if err != nil {
			return nil, fmt.Errorf("counting files at the pin: %w", err)
		}
		totals = &t
	}
	in.Progress = ws.Progress(*totals)
	if in.Release, err = ws.AllReleaseMarks(); err != nil {
		return nil, fmt.Errorf("release marks: %w", err)
	}
	if opts.Team != nil {
		if in.Team, err = opts.Team(ws.Dir()); err != nil {
			return nil, fmt.Errorf("reading the team's review: %w", err)
		}
	}
	if opts.IncludeSnippets {
		if opts.Repo == nil {
			return nil, errors.New("--include-snippets needs the repository")
		}
		in.Snippet = repoSnippets(ctx, opts.Repo)
	}
	return BuildBundle(in)
}

func renderExport(b *Bundle, f ExportFormat) ([]byte, error) {
	switch f {
	case FormatBundle:
		return b.Marshal()
	case FormatSARIF:
		return MarshalSARIF(b)
	case FormatMarkdown:
		return []byte(RenderMarkdown(b)), nil
	}
	return nil, fmt.Errorf("%w: unknown format %q", review.ErrInvalid, f)
}

// CountTotals counts the files and lines in the pin's tree, for the
// coverage counts. It reads every blob once, streaming.
func CountTotals(ctx context.Context, r *repo.Repo, m review.Meta) (review.Totals, error) {
	var t review.Totals
	tree, err := repo.ParseHash(m.Pin.Tree)
	if err != nil {
		return t, err
	}
	err = r.WalkFiles(ctx, tree, func(e repo.Entry) error {
		if e.Kind != repo.KindFile && e.Kind != repo.KindExec {
			return nil
		}
		t.Files++
		n, size, binary, err := countLines(ctx, r, e.Hash)
		if binary {
			t.Bytes += size // a binary file counts bytes, as marking it does
		} else {
			t.Lines += n
		}
		return err
	})
	return t, err
}

// countLines counts the lines of blob h, streaming it, and tells whether
// it is binary by git's rule (a NUL in its first 8000 bytes).
func countLines(ctx context.Context, r *repo.Repo, h repo.Hash) (n int, size int64, binary bool, err error) {
	rd, size, err := r.OpenBlob(ctx, h)
	if err != nil {
		return 0, 0, false, err
	}
	defer rd.Close()
	buf := make([]byte, 64<<10)
	var off int64
	last := byte('\n')
	for {
		k, rerr := rd.Read(buf)
		for i, c := range buf[:k] {
			switch {
			case c == '\n':
				n++
			case c == 0 && off+int64(i) < repo.BinarySniffLen:
				binary = true
			}
		}
		if k > 0 {
			last = buf[k-1]
		}
		off += int64(k)
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return n, size, binary, rerr
		}
	}
	if size > 0 && last != '\n' {
		n++ // bytes after the last LF are the final line
	}
	return n, size, binary, nil
}
