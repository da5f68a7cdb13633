package main

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sightline/repo"
	"sightline/tui"
	"sightline/tui/finder"
	"sightline/tui/keys"
	"sightline/tui/nav"
	"sightline/tui/theme"
)

func init() {
	inprocSteps["firstscreen"] = firstScreen
	inprocSteps["open1k"] = func(env stepEnv) ([]time.Duration, int, error) {
		return openFile(env.dir, env.m.MediumFile)
	}
	inprocSteps["open1m"] = func(env stepEnv) ([]time.Duration, int, error) {
		return openFile(env.dir, env.m.MiBFile)
	}
	inprocSteps["scroll"] = scroll
	inprocSteps["fuzzy"] = fuzzy
}

// Screen size for the TUI steps: a common large terminal.
const screenW, screenH = 160, 48

// stepTimeout bounds one wait for the screen inside a step.
const stepTimeout = 5 * time.Minute

// loop is a small stand-in for bubbletea's runtime without a terminal:
// Cmds run on their own goroutines, their messages go through Update one
// at a time on this goroutine, and View is called between messages, as
// the real program does.
type loop struct {
	m        tea.Model
	msgs     chan tea.Msg
	inflight int
}

func (l *loop) exec(c tea.Cmd) {
	if c == nil {
		return
	}
	l.inflight++
	go func() { l.msgs <- c() }()
}

var cmdType = reflect.TypeOf((tea.Cmd)(nil))

// handle takes one finished Cmd's message: batches and sequences are
// unpacked (sequence order is not kept; no step relies on it), anything
// else goes through Update.
func (l *loop) handle(msg tea.Msg) {
	l.inflight--
	if msg == nil {
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		for i := range v.Len() {
			l.exec(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	l.send(msg)
}

// send gives msg to Update at once and starts the Cmd it returns.
func (l *loop) send(msg tea.Msg) {
	var c tea.Cmd
	l.m, c = l.m.Update(msg)
	l.exec(c)
}

// until processes messages until the screen, without styling, contains
// every marker. It fails if the program goes idle first.
func (l *loop) until(markers ...string) error {
	deadline := time.After(stepTimeout)
	for {
		screen := ansi.Strip(l.m.View())
		if containsAll(screen, markers) {
			return nil
		}
		if l.inflight == 0 {
			return fmt.Errorf("the screen never showed %q; last screen:\n%s", markers, screen)
		}
		select {
		case msg := <-l.msgs:
			l.handle(msg)
		case <-deadline:
			return fmt.Errorf("timed out waiting for %q", markers)
		}
	}
}

// settle processes messages until no Cmd is running or none has
// finished for quiet, so that background work (the path index) does not
// compete with the step measured next. Some Cmds never finish on a big
// repository (the history view's walker waits to be asked for its next
// page), so "no Cmd running" alone would never come.
func (l *loop) settle(quiet time.Duration) error {
	deadline := time.After(stepTimeout)
	for l.inflight > 0 {
		select {
		case msg := <-l.msgs:
			l.handle(msg)
		case <-time.After(quiet):
			return nil
		case <-deadline:
			return errors.New("timed out waiting for background work")
		}
	}
	return nil
}

// The quiet periods settle waits for: after start-up (the path index of
// a large tree takes seconds) and between scroll steps.
const (
	startQuiet  = 3 * time.Second
	scrollQuiet = 200 * time.Millisecond
)

func containsAll(s string, subs []string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

// start opens the repository and the workbench as "sightline open" does
// (styles rendered for a true-colour terminal) and runs it to its first
// screen with the root listing. It returns the time that took.
func start(dir string) (*loop, *repo.Repo, time.Duration, error) {
	t0 := time.Now()
	r, err := repo.Open(dir)
	if err != nil {
		return nil, nil, 0, err
	}
	pin, err := r.Resolve("HEAD")
	if err != nil {
		r.Close()
		return nil, nil, 0, err
	}
	m := tui.New(tui.Deps{Repo: r, Pin: pin, Styles: theme.TrueColorStyles(), Keys: keys.DefaultGlobal()})
	l := &loop{m: m, msgs: make(chan tea.Msg, 1024)}
	l.exec(m.Init())
	l.send(tea.WindowSizeMsg{Width: screenW, Height: screenH})
	if err := l.until("README.md", "Makefile"); err != nil {
		r.Close()
		return nil, nil, 0, fmt.Errorf("first screen: %w", err)
	}
	return l, r, time.Since(t0), nil
}

// firstScreen: open the repository and draw the first screen with the
// root listing, in a fresh process.
func firstScreen(env stepEnv) ([]time.Duration, int, error) {
	l, r, d, err := start(env.dir)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	return []time.Duration{d}, strings.Count(l.m.View(), "\n") + 1, nil
}

// marker picks text from the first lines of path that the screen must
// show once the file is open.
func marker(r *repo.Repo, path string) (string, error) {
	pin, err := r.Resolve("HEAD")
	if err != nil {
		return "", err
	}
	e, err := r.Lookup(context.Background(), pin.Tree, path)
	if err != nil {
		return "", err
	}
	b, err := r.ReadBlob(context.Background(), e.Hash, 4096)
	if err != nil {
		return "", err
	}
	for _, line := range repo.SplitLines(b.Data)[1:] {
		s := strings.TrimSpace(string(repo.TrimEOL(line)))
		if len(s) >= 16 && !strings.Contains(s, "\t") {
			return s[:16], nil
		}
	}
	return "", fmt.Errorf("%s: no line to look for on screen", path)
}

// openFile: from the first screen, open path (as the finder does) and
// time until its first lines are on screen.
func openFile(dir, path string) ([]time.Duration, int, error) {
	l, r, _, err := start(dir)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	mark, err := marker(r, path)
	if err != nil {
		return nil, 0, err
	}
	if err := l.settle(startQuiet); err != nil {
		return nil, 0, err
	}
	t0 := time.Now()
	l.send(nav.OpenFileMsg{Path: path})
	if err := l.until(mark); err != nil {
		return nil, 0, fmt.Errorf("open %s: %w", path, err)
	}
	return []time.Duration{time.Since(t0)}, 1, nil
}

// scroll: with the 50,000-line file open, time page-down keystrokes
// (Update + View). Each must change the screen.
func scroll(env stepEnv) ([]time.Duration, int, error) {
	dir, m, iters := env.dir, env.m, env.iters
	l, r, _, err := start(dir)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	mark, err := marker(r, m.LongFile)
	if err != nil {
		return nil, 0, err
	}
	l.send(nav.OpenFileMsg{Path: m.LongFile})
	if err := l.until(mark); err != nil {
		return nil, 0, err
	}
	if err := l.settle(startQuiet); err != nil {
		return nil, 0, err
	}
	var times []time.Duration
	prev := l.m.View()
	for range iters {
		t0 := time.Now()
		l.send(tea.KeyMsg{Type: tea.KeyPgDown})
		screen := l.m.View()
		times = append(times, time.Since(t0))
		if screen == prev {
			return nil, 0, errors.New("page down did not change the screen")
		}
		prev = screen
		if err := l.settle(scrollQuiet); err != nil {
			return nil, 0, err
		}
	}
	return times, iters, nil
}

// fuzzy: rank every path at HEAD against a query typed one key at a time;
// each keystroke is one sample.
func fuzzy(env stepEnv) ([]time.Duration, int, error) {
	iters := env.iters
	r, err := repo.Open(env.dir)
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	pin, err := r.Resolve("HEAD")
	if err != nil {
		return nil, 0, err
	}
	var paths []string
	if err := r.WalkFiles(context.Background(), pin.Tree, func(e repo.Entry) error {
		paths = append(paths, e.Path)
		return nil
	}); err != nil {
		return nil, 0, err
	}
	query := "coreengine"
	var times []time.Duration
	found := 0
	for i := range iters {
		q := query[:1+i%len(query)]
		t0 := time.Now()
		res := finder.Rank(paths, q, 100)
		times = append(times, time.Since(t0))
		found = len(res)
	}
	if found == 0 {
		return nil, 0, fmt.Errorf("query %q found nothing among %d paths", query, len(paths))
	}
	return times, len(paths), nil
}
