package search

import (
	"context"
	"errors"
	"os"
	"regexp"
	"runtime"
	"testing"
)

// The index's metadata is a mapping of the file: a file cut short after
// it was opened (another process, a full disk's repair) makes a search
// fail with ErrIndexInvalid, never fault the process; and a search on an
// index already closed fails the same way rather than read unmapped
// memory.
func TestIndexCutShortUnderItsMappingFails(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the metadata is read, not mapped, here")
	}
	r, pin, path := indexedRepo(t)
	idx, err := OpenIndex(path, pin.Tree)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	re := regexp.MustCompile("backdoor")
	if _, _, err := idx.Candidates(ctx, r, pin.Tree, re); err != nil {
		t.Fatalf("before the cut: %v", err)
	}
	if err := os.Truncate(path, int64(headerSize)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := idx.Candidates(ctx, r, pin.Tree, re); !errors.Is(err, ErrIndexInvalid) {
		t.Errorf("after the file was cut short: %v, want ErrIndexInvalid", err)
	}
	idx.Close()
	if _, _, err := idx.Candidates(ctx, r, pin.Tree, re); !errors.Is(err, ErrIndexInvalid) {
		t.Errorf("on a closed index: %v, want ErrIndexInvalid", err)
	}
}
