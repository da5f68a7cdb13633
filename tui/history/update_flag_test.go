package history

// go test ./tui/... -update hands -update to every tui test binary; the
// flag is tuitest's (the golden files), so this package's tests link it.
import _ "sightline/tui/tuitest"
