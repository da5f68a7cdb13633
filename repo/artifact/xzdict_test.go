package artifact_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/ulikunitz/xz"

	"sightline/repo/artifact"
)

// xzBlocksOf writes b as xz in blocks of blockSize bytes and returns the
// file and the offsets of its block headers (read from the headers: each
// block's compressed size is in it when the writer knows it, so the test
// finds them independently of the code under test by scanning for them).
func xzMultiBlock(t *testing.T, b []byte, blockSize int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := xz.WriterConfig{DictCap: 1 << 20, BlockSize: blockSize}.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setDict rewrites the LZMA2 dictionary byte of every block header whose
// filter flags are found at the given occurrence (0-based) and fixes the
// header's CRC32, as a hostile writer would.
func setDict(t *testing.T, x []byte, occurrence int, code byte) []byte {
	t.Helper()
	x = bytes.Clone(x)
	// A block header's filter flags: id 0x21, one property byte. The
	// writer's 1 MiB dictionary is code 16.
	pat := []byte{0x21, 0x01, 16}
	pos := -1
	for i, n := 0, 0; i < len(x)-3; i++ {
		if bytes.Equal(x[i:i+3], pat) {
			if n == occurrence {
				pos = i
				break
			}
			n++
		}
	}
	if pos < 0 {
		t.Fatalf("filter flags %d not found", occurrence)
	}
	// The header starts at the nearest earlier offset whose size byte
	// covers pos; its last 4 bytes are the CRC32 of the rest.
	for start := pos - 2; start >= 12; start-- {
		size := (int(x[start]) + 1) * 4
		if x[start] != 0 && start+size > pos+2 && start+size <= len(x) && start < pos &&
			binary.LittleEndian.Uint32(x[start+size-4:]) == crc32.ChecksumIEEE(x[start:start+size-4]) {
			x[pos+2] = code
			binary.LittleEndian.PutUint32(x[start+size-4:], crc32.ChecksumIEEE(x[start:start+size-4]))
			return x
		}
	}
	t.Fatal("block header not found")
	return nil
}

func TestXZHugeDictionaryRefusedBeforeAllocating(t *testing.T) {
	tarb := tarBytes(t, "", release("pkg/"))
	plain := xzMultiBlock(t, tarb, 4096)
	if n := bytes.Count(plain, []byte{0x21, 0x01, 16}); n < 2 {
		t.Fatalf("want several blocks, got %d", n)
	}
	ok := writeFile(t, "ok.tar.xz", plain)
	a, err := artifact.Read(context.Background(), ok, artifact.DefaultLimits())
	if err != nil || a.Err != nil || len(a.Members) != len(release("pkg/")) {
		t.Fatalf("multi-block xz: %v %v, %d members", err, a.Err, len(a.Members))
	}
	for name, occ := range map[string]int{"first block": 0, "last block": bytes.Count(plain, []byte{0x21, 0x01, 16}) - 1} {
		// Code 39 is 3 GiB, 40 is 4 GiB - 1.
		for _, code := range []byte{39, 40} {
			p := writeFile(t, "huge.tar.xz", setDict(t, plain, occ, code))
			a, err := artifact.Read(context.Background(), p, artifact.DefaultLimits())
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !errors.Is(a.Err, artifact.ErrXZDict) || !strings.Contains(a.Err.Error(), "MiB LZMA2 dictionary, more than the 256 MiB sightline allocates") {
				t.Errorf("%s, code %d: Err = %v", name, code, a.Err)
			}
			if len(a.Findings) == 0 || a.Findings[0].Kind != artifact.FindBomb {
				t.Errorf("%s: findings %+v", name, a.Findings)
			}
		}
	}
	// 64 MiB (xz -9) is allowed.
	p := writeFile(t, "nine.tar.xz", setDict(t, plain, 0, 26))
	if a, err := artifact.Read(context.Background(), p, artifact.DefaultLimits()); err != nil || a.Err != nil {
		t.Errorf("64 MiB dictionary refused: %v %v", err, a.Err)
	}
}
