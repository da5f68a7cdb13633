package sample

import "fmt"

// MaxItems bounds Store; see Store.Add.
const MaxItems = 10

var ErrFull = fmt.Errorf("store full: MaxItems")

type Store struct {
	items []string
}

type Adder interface {
	Add(s string) error
}

type ID int

func (s *Store) Add(item string) error {
	if len(s.items) >= MaxItems {
		return ErrFull
	}
	s.items = append(s.items, item)
	return nil
}

func New() *Store {
	return &Store{}
}
