package review

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashWriterEnv makes the test binary a journal writer for
// TestSIGKILLLoop instead of running tests.
const crashWriterEnv = "SIGHTLINE_CRASH_WRITER"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashWriterEnv); dir != "" {
		os.Exit(crashWriter(dir))
	}
	os.Exit(runWithStateHome(m))
}

// splitWriter writes each record in two write(2) calls with a pause
// between, so that a kill can land inside a record and tear it.
type splitWriter struct{ syncFile }

func (s splitWriter) Write(p []byte) (int, error) {
	n, err := s.syncFile.Write(p[:len(p)/2])
	if err != nil {
		return n, err
	}
	time.Sleep(200 * time.Microsecond)
	m, err := s.syncFile.Write(p[len(p)/2:])
	return n + m, err
}

// crashWriter adds findings (and a step to every other one) until it is
// killed, printing "ACK id steps" only after each change is fsynced.
func crashWriter(dir string) int {
	w, err := Open(dir, testMeta())
	if err != nil {
		fmt.Println("ERR", err)
		return 1
	}
	w.j.w = splitWriter{w.j.f}
	for i := 0; ; i++ {
		f, err := w.AddFinding(testFinding(fmt.Sprintf("crash %d", i)))
		if err != nil {
			fmt.Println("ERR", err)
			return 1
		}
		fmt.Printf("ACK %s 1\n", f.ID)
		if i%2 == 1 {
			if f, err = w.AddStep(f.ID, Step{Location: testLoc("next.c", 5, 6), Note: "then here"}); err != nil {
				fmt.Println("ERR", err)
				return 1
			}
			fmt.Printf("ACK %s 2\n", f.ID)
		}
	}
}

// TestSIGKILLLoop kills a writer with SIGKILL at random moments, many
// times, reopening the workspace after each kill: every change the writer
// acknowledged must be there, and the journal must open without damage
// (a torn last record is set aside with a warning).
func TestSIGKILLLoop(t *testing.T) {
	kills := 200
	if testing.Short() || raceBuild {
		kills = 40
	}
	dir := t.TempDir()
	acked := map[string]int{} // id -> steps acknowledged
	torn, events := 0, 0
	start := time.Now()
	for k := 0; k < kills; k++ {
		for id, n := range runAndKill(t, dir) {
			acked[id] = max(acked[id], n)
		}
		w, err := Open(dir, testMeta())
		if err != nil {
			t.Fatalf("after kill %d: %v", k+1, err)
		}
		torn += len(w.Warnings())
		got := map[string]int{}
		for _, f := range w.Findings() {
			got[f.ID] = len(f.Steps)
		}
		for id, n := range acked {
			if got[id] < n {
				t.Fatalf("after kill %d: %s has %d steps on disk, %d were acknowledged", k+1, id, got[id], n)
			}
		}
		events = int(w.j.seq)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d SIGKILLs survived in %s: %d events in the journal, %d findings acknowledged, %d torn tails set aside, 0 acknowledged changes lost",
		kills, time.Since(start).Round(time.Millisecond), events, len(acked), torn)
}

// runAndKill starts a writer on dir, waits for its first acknowledgement,
// kills it after a random pause and returns what it acknowledged.
func runAndKill(t *testing.T, dir string) map[string]int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	acked := map[string]int{}
	record := func(line string) {
		var id string
		var n int
		if _, err := fmt.Sscanf(line, "ACK %s %d", &id, &n); err != nil {
			t.Errorf("writer said %q", line)
			return
		}
		acked[id] = max(acked[id], n)
	}
	if first, ok := <-lines; ok {
		record(first)
	}
	time.Sleep(time.Duration(rand.IntN(15000)) * time.Microsecond)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	for line := range lines {
		if !strings.HasPrefix(line, "ACK ") {
			t.Fatalf("writer failed: %s", line)
		}
		record(line)
	}
	_ = cmd.Wait()
	return acked
}

// TestTwoProcessesTakeTurns runs a writer process against the workspace
// while this process adds findings too: no id is given twice, each side's
// findings are all there, and the journal replays cleanly.
func TestTwoProcessesTakeTurns(t *testing.T) {
	dir := t.TempDir()
	w := openWS(t, dir)
	defer w.Close()
	// The writer holds the lock through each fsync and lets go for only
	// 200µs between writes, so on a loaded machine this side can poll
	// for more than the usual 5 s before it lands in a gap: the test is
	// about turns being safe, not about how soon a turn comes.
	w.lockTimeout = 2 * time.Minute
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "ACK ") {
		t.Fatalf("writer did not start: %q", sc.Text())
	}
	mine := map[string]bool{}
	for i := 0; i < 40; i++ {
		f, err := w.AddFinding(testFinding("from the parent"))
		if err != nil {
			t.Fatal(err)
		}
		if mine[f.ID] {
			t.Fatalf("id %s given twice", f.ID)
		}
		mine[f.ID] = true
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	r := openWS(t, dir)
	defer r.Close()
	theirs := 0
	for _, f := range r.Findings() {
		switch {
		case mine[f.ID] && f.Title == "from the parent":
			delete(mine, f.ID)
		case strings.HasPrefix(f.Title, "crash "):
			theirs++
		default:
			t.Errorf("finding %s %q is not what its writer wrote", f.ID, f.Title)
		}
	}
	if len(mine) != 0 || theirs == 0 {
		t.Errorf("missing parent findings %v; %d from the writer", mine, theirs)
	}
}
