package tui

import "sightline/tui/nav"

// OpenFileMsg asks the root to open a file at a line in the Files view.
// Views send it as nav.OpenFileMsg (they cannot import this package);
// this alias is for the command line and tests.
type OpenFileMsg = nav.OpenFileMsg

// SwitchViewMsg asks the root to make a tab active.
type SwitchViewMsg = nav.SwitchViewMsg

// ErrorMsg shows an error on the message line; the app keeps running.
type ErrorMsg = nav.ErrorMsg
