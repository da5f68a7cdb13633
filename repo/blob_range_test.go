package repo

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
)

// FindBytes finds every match whatever the chunk size, including ones
// that span chunk edges, and folds only ASCII letters.
func TestFindBytesAcrossChunkEdges(t *testing.T) {
	hay := []byte("xxABcxxabcxx\xffAbC")
	for _, chunk := range []int{1, 2, 3, 4, 7, 64} {
		var got []int64
		err := FindBytes(context.Background(), bytes.NewReader(hay), 100, []byte("abc"), true, chunk, func(off int64) bool {
			got = append(got, off)
			return true
		})
		if err != nil || !reflect.DeepEqual(got, []int64{102, 107, 113}) {
			t.Errorf("chunk %d: %v %v, want [102 107 113]", chunk, got, err)
		}
	}
	var got []int64
	_ = FindBytes(context.Background(), bytes.NewReader(hay), 0, []byte("abc"), false, 3, func(off int64) bool {
		got = append(got, off)
		return true
	})
	if !reflect.DeepEqual(got, []int64{7}) {
		t.Errorf("exact case: %v, want [7]", got)
	}
}

// DiffBytes reports differing runs, joins near ones, reports a longer
// side's tail and stops at its limit.
func TestDiffBytesRanges(t *testing.T) {
	a := []byte(strings.Repeat("a", 100))
	b := bytes.Clone(a)
	b[10], b[12] = 'x', 'x' // joined: 1 equal byte between
	b[50] = 'y'
	b = append(b, "tail"...)
	got, more, err := DiffBytes(context.Background(), bytes.NewReader(a), bytes.NewReader(b), 7, 4, 10)
	want := []ByteRange{{10, 13}, {50, 51}, {100, 104}}
	if err != nil || more || !reflect.DeepEqual(got, want) {
		t.Fatalf("DiffBytes = %v %v %v, want %v", got, more, err, want)
	}
	got, more, _ = DiffBytes(context.Background(), bytes.NewReader(a), bytes.NewReader(b), 7, 1, 2)
	if !more || len(got) != 2 {
		t.Fatalf("limit 2: %v more=%v", got, more)
	}
	got, _, _ = DiffBytes(context.Background(), bytes.NewReader(b), bytes.NewReader(a[:5]), 64, 1, 10)
	if !reflect.DeepEqual(got, []ByteRange{{5, 104}}) {
		t.Fatalf("shorter pin: %v, want [{5 104}]", got)
	}
}
