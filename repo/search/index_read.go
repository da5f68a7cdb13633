package search

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/s2"

	"sightline/repo"
)

// readFiles reads the files a chunk at a time and adds their trigrams to
// b in file order. The readers extract the next chunk while this
// goroutine adds the last one (and sorts and writes segments), so that
// neither waits for the other. chunkRead is called as each chunk's
// reading ends.
func readFiles(ctx context.Context, files []indexFile, b *builder, readers []*fileReader, chunkRead func()) error {
	same := sameContent(files)
	tris := [2][][]uint32{make([][]uint32, indexChunk), make([][]uint32, indexChunk)}
	chunk := func(k int) []indexFile { return files[k*indexChunk : min(len(files), (k+1)*indexChunk)] }
	ctx, cancel := context.WithCancel(ctx)
	var next chan error
	extract := func(k int) {
		done := make(chan error, 1)
		next = done
		go func() { done <- extractChunk(ctx, chunk(k), same[k*indexChunk:], readers, tris[k%2]) }()
	}
	defer func() { // no reader outlives the build
		cancel()
		if next != nil {
			<-next
		}
	}()
	chunks := (len(files) + indexChunk - 1) / indexChunk
	for k := range chunks {
		if k == 0 {
			extract(0)
		}
		err := <-next
		next = nil
		if err != nil {
			return err
		}
		chunkRead()
		if k+1 < chunks {
			extract(k + 1)
		}
		for i := range chunk(k) {
			id := k*indexChunk + i
			if j := same[id]; j >= 0 {
				files[id].stored, files[id].off = files[j].stored, files[j].off
			}
			if err := b.add(uint32(id), tris[k%2][i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// sameContent returns, for each file, the first earlier file with the
// same blob, or -1: a content is stored once however often it occurs.
func sameContent(files []indexFile) []int32 {
	same := make([]int32, len(files))
	first := make(map[repo.Hash]int32, len(files))
	for i, f := range files {
		j, ok := first[f.hash]
		if !ok {
			j = -1
			first[f.hash] = int32(i)
		}
		same[i] = j
	}
	return same
}

// extractChunk reads the chunk's files with one goroutine per reader,
// leaves file i's distinct trigrams in out[i] and stores its content
// unless same[i] says an earlier file has it.
func extractChunk(ctx context.Context, chunk []indexFile, same []int32, readers []*fileReader, out [][]uint32) error {
	errs := make([]error, len(readers))
	var wg sync.WaitGroup
	for w, rd := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(chunk); i += len(readers) {
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				var err error
				if out[i], err = rd.read(&chunk[i], same[i] < 0, out[i][:0]); err != nil {
					errs[w] = fmt.Errorf("%q: %w", chunk[i].path, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// fileReader reads files for the index, one at a time: it extracts their
// trigrams and stores their contents.
type fileReader struct {
	ctx   context.Context
	r     *repo.Repo
	out   *indexWriter
	next  []uint8 // denseSpace masks of the file being read (see addTrigrams)
	piece []byte
	enc   []byte
}

func newFileReader(ctx context.Context, r *repo.Repo, out *indexWriter) *fileReader {
	return &fileReader{ctx: ctx, r: r, out: out, next: make([]uint8, denseSpace)}
}

// read appends the distinct indexable trigrams of file f to tris and,
// when store is set and the file is small enough, stores its content
// and records where in f.
func (t *fileReader) read(f *indexFile, store bool, tris []uint32) ([]uint32, error) {
	tris, streamed, err := t.collect(f, store, tris)
	takeMasks(t.next, tris, streamed)
	return tris, err
}

// collect reads f's trigrams into out; streamed reports that it read
// them a piece at a time, so their masks (see takeMasks) are unknown at
// the seams.
func (t *fileReader) collect(f *indexFile, store bool, out []uint32) (_ []uint32, streamed bool, err error) {
	if f.tooDeep {
		return out, false, nil // a directory not expanded: nothing to read
	}
	rd, size, err := t.r.OpenBlob(t.ctx, f.hash)
	if err != nil {
		return out, false, err
	}
	defer rd.Close()
	if size > streamAbove {
		out, err = t.stream(rd, size, f.hash, out)
		return out, true, err
	}
	b, err := repo.ReadOpenBlob(t.ctx, rd, f.hash, size, -1)
	if err != nil {
		return out, false, err
	}
	if store {
		t.enc = s2.Encode(t.enc[:cap(t.enc)], b.Data)
		if f.off, err = t.out.addContent(t.enc); err != nil {
			return out, false, err
		}
		f.stored = uint32(len(t.enc))
	}
	return addFoldRunes(b.Data, t.next, addTrigrams(b.Data, t.next, out)), false, nil
}

// stream extracts the trigrams of a blob too big to hold whole. Each
// piece starts with the previous one's last two bytes, so no trigram is
// lost at a seam.
func (t *fileReader) stream(rd io.Reader, size int64, h repo.Hash, out []uint32) ([]uint32, error) {
	if t.piece == nil {
		t.piece = make([]byte, streamPiece+2)
	}
	keep := 0
	for left := size; left > 0; {
		n := int(min(left, int64(streamPiece)))
		if err := repo.ReadFull(t.ctx, rd, t.piece[keep:keep+n]); err != nil {
			return out, fmt.Errorf("blob %s: %w", h, err)
		}
		left -= int64(n)
		out = addFoldRunes(t.piece[:keep+n], t.next, addTrigrams(t.piece[:keep+n], t.next, out))
		end := keep + n
		keep = min(2, end)
		copy(t.piece, t.piece[end-keep:end])
	}
	return out, nil
}
