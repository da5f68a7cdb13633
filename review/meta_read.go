package review

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ReadMeta returns the Meta the workspace in dir was created with (the
// first event of its journal), so that a command given only --workspace
// can find the review's repository and pin before opening it. It takes no
// lock and writes nothing; it checks that event's sum, and Open checks
// the rest. Later events (a new base or reviewer) are not applied: use
// Workspace.Meta for those. A directory without a journal gives an error
// wrapping fs.ErrNotExist.
func ReadMeta(dir string) (Meta, error) {
	f, err := os.Open(filepath.Join(dir, journalName))
	if err != nil {
		return Meta{}, fmt.Errorf("read workspace %s: %w", dir, err)
	}
	defer f.Close()
	line, err := bufio.NewReaderSize(f, 64<<10).ReadSlice('\n')
	if err != nil {
		if errors.Is(err, bufio.ErrBufferFull) {
			err = errors.New("first event too long")
		} else {
			err = errors.New("no complete first event")
		}
		return Meta{}, fmt.Errorf("read workspace %s: %w: %v", dir, ErrCorrupt, err)
	}
	ev, _, err := decodeEvent(line[:len(line)-1])
	if err == nil && (ev.Seq != 1 || ev.Type != evOpen) {
		err = fmt.Errorf("the first event is %s #%d, not %s", ev.Type, ev.Seq, evOpen)
	}
	var m Meta
	if err == nil {
		err = json.Unmarshal(ev.Data, &m)
	}
	if err != nil {
		return Meta{}, fmt.Errorf("read workspace %s: %w: %v", dir, ErrCorrupt, err)
	}
	return m, nil
}
