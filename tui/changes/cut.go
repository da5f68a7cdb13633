package changes

import (
	"fmt"
	"strings"

	"sightline/repo"
	"sightline/tui/theme"
)

// cutPath draws path in at most w columns: when it does not fit, the
// middle of its directory part gives way to "…" and the file name stays
// whole (two files named fast.c in different directories stay apart).
// Only a file name wider than w itself loses its start.
func cutPath(path string, w int, st theme.Styles) []theme.Seg {
	all := st.Untrusted(path, st.Text)
	if theme.SegsWidth(all) <= w {
		return all
	}
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return theme.CutStart(all, w, st.Muted)
	}
	dir := st.Untrusted(path[:i+1], st.Text)
	base := st.Untrusted(path[i+1:], st.Text)
	bw, dw := theme.SegsWidth(base), theme.SegsWidth(dir)
	keep := w - bw - 1 // columns of the directory around the "…"
	if keep < 2 {
		return theme.CutStart(all, w, st.Muted)
	}
	head := keep / 3 // the start names the tree; the end, the file's neighbours
	tail := keep - head
	out := append([]theme.Seg{}, theme.Cut(dir, 0, head)...)
	out = append(out, theme.Seg{Text: "…", Style: st.Muted})
	out = append(out, theme.Cut(dir, dw-tail, tail)...)
	return append(out, base...)
}

// Size is a blob size as the list shows it: "484 B", "12.5 KiB".
func Size(n int64) string {
	switch {
	case n < 10<<10:
		return fmt.Sprintf("%d B", n)
	case n < 10<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 10<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}

// Sizes is a binary change's two blob sizes (-1 on a missing side).
type Sizes struct{ Old, New int64 }

// sizeText is "484 → 512 B" (one unit when both share it), "512 B" for
// an added or deleted file.
func sizeText(s Sizes) string {
	switch {
	case s.Old < 0:
		return Size(s.New)
	case s.New < 0:
		return Size(s.Old)
	}
	o, n := Size(s.Old), Size(s.New)
	if ou, nu := o[strings.IndexByte(o, ' '):], n[strings.IndexByte(n, ' '):]; ou == nu {
		o = strings.TrimSuffix(o, ou)
	}
	return o + " → " + n
}

// sizeKey is what a change's sizes are kept under.
func sizeKey(c repo.FileChange) [2]repo.Hash { return [2]repo.Hash{c.OldHash, c.NewHash} }
