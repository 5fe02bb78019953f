// Package inputfile reads the files kaoping takes as input (config.toml
// and the files of the data folder) so that a file that is not a regular
// file, or is larger than MaxSize, is refused before it is opened: reading
// a FIFO would wait for a writer forever, a device such as /dev/zero never
// ends, and a file of gigabytes would be read into memory whole. The
// refusals are *Error values, which Describe turns into a message in both
// languages.
package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxSize is the largest input file kaoping reads: 200 MB. A period's data
// file of a province is a few MB; anything larger is the wrong file.
const MaxSize = 200 << 20

// Kind says why a file is refused.
type Kind int

const (
	FIFO      Kind = iota + 1 // a named pipe
	Device                    // a character or block device
	Socket                    // a Unix socket
	Irregular                 // anything else that is not a regular file (but a folder)
	TooLarge                  // a regular file larger than MaxSize
)

// Error is a refused file: its path, why, and for TooLarge its size.
type Error struct {
	Path string
	Kind Kind
	Size int64
}

func (e *Error) Error() string {
	_, en := e.texts()
	return e.Path + ": " + en
}

// kindOf classifies mode; 0 for a regular file or a folder.
func kindOf(mode fs.FileMode) Kind {
	switch {
	case mode.IsRegular(), mode.IsDir():
		return 0
	case mode&fs.ModeNamedPipe != 0:
		return FIFO
	case mode&fs.ModeDevice != 0, mode&fs.ModeCharDevice != 0:
		return Device
	case mode&fs.ModeSocket != 0:
		return Socket
	}
	return Irregular
}

// Special reports, for a file found in an input folder, whether it is a
// FIFO, a device, a socket or another file that is neither regular nor a
// folder, following a symbolic link; the error is an *Error (nil for a
// regular file, a folder, or a link that leads nowhere).
func Special(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	if k := kindOf(st.Mode()); k != 0 {
		return &Error{Path: path, Kind: k}
	}
	return nil
}

// check refuses st when it is not a regular file or is too large.
func check(path string, st fs.FileInfo) error {
	if st.IsDir() {
		return &fs.PathError{Op: "read", Path: path, Err: errors.New("is a directory")}
	}
	if k := kindOf(st.Mode()); k != 0 {
		return &Error{Path: path, Kind: k}
	}
	if st.Size() > MaxSize {
		return &Error{Path: path, Kind: TooLarge, Size: st.Size()}
	}
	return nil
}

// Read returns the content of the regular file at path (a symbolic link is
// followed). It looks at the file with Stat before opening it, and refuses
// a file that is not regular or is larger than MaxSize with an *Error. The
// file is then opened without blocking (a FIFO swapped in since the Stat
// does not block the open), checked again, and read up to MaxSize.
func Read(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := check(path, st); err != nil {
		return nil, err
	}
	f, err := openNonblock(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := check(path, st); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, MaxSize+1)); err != nil {
		return nil, err
	}
	if b.Len() > MaxSize { // it grew while being read
		return nil, &Error{Path: path, Kind: TooLarge, Size: int64(b.Len())}
	}
	return b.Bytes(), nil
}

// ReadDir lists the folder at path, refusing with an *Error a path that is
// a FIFO, a device or a socket (opening it to list it would block).
func ReadDir(path string) ([]os.DirEntry, error) {
	if err := Special(path); err != nil {
		return nil, err
	}
	return os.ReadDir(path)
}

// Describe returns what a message says about err, an error of Read or
// ReadDir, in Chinese and English: for an *Error, what the file is and
// what to do; for a file that does not exist, that it is missing; else the
// error itself.
func Describe(err error) (zh, en string) {
	var e *Error
	if errors.As(err, &e) {
		return e.texts()
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "文件不存在", "the file does not exist"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is in the message's position already
	}
	return "无法读取：" + err.Error(), "cannot read it: " + err.Error()
}

func (e *Error) texts() (zh, en string) {
	const whatZH, whatEN = "kaoping 不读取它（读取会一直等待或永不结束）；请换成普通文件，或把它移出数据文件夹",
		"kaoping does not read it (reading would wait or never end): replace it with a regular file, or move it out of the data folder"
	switch e.Kind {
	case FIFO:
		return "这是命名管道（FIFO），不是普通文件；" + whatZH, "this is a named pipe (FIFO), not a regular file; " + whatEN
	case Device:
		return "这是设备文件，不是普通文件；" + whatZH, "this is a device, not a regular file; " + whatEN
	case Socket:
		return "这是套接字（socket），不是普通文件；" + whatZH, "this is a socket, not a regular file; " + whatEN
	case TooLarge:
		size := fmt.Sprintf("%.1f MB", float64(e.Size)/(1<<20))
		return fmt.Sprintf("文件大小为 %s，超过 %d MB 的上限，kaoping 不读取它；数据文件通常只有几 MB，请检查是否放错了文件", size, MaxSize>>20),
			fmt.Sprintf("the file is %s, more than the limit of %d MB, so kaoping does not read it; data files are usually a few MB: check that this is the right file", size, MaxSize>>20)
	}
	return "这不是普通文件；" + whatZH, "this is not a regular file; " + whatEN
}
