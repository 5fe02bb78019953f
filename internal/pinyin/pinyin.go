// Package pinyin spells Chinese names in Latin letters for the search
// box, so that 山亭 is found by typing "shanting" or its initials "st" on
// a keyboard with no input method.
package pinyin

import (
	"strings"
	"unicode"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// Spell returns s in toneless pinyin with no spaces ("山亭区" →
// "shantingqu") and the initial of each syllable ("stq"). Letters and
// digits that are not Han characters are kept, lower-cased, in both
// ("检察官01" → "jianchaguan01", "jcg01"); everything else is dropped.
// A character with several readings takes its most common one.
func Spell(s string) (full, initials string) {
	var f, in strings.Builder
	var run []rune // a run of non-Han letters and digits, kept whole
	flush := func() {
		if len(run) > 0 {
			f.WriteString(string(run))
			in.WriteString(string(run))
			run = run[:0]
		}
	}
	args := gopinyin.NewArgs()
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			flush()
			if py := gopinyin.SinglePinyin(r, args); len(py) > 0 && py[0] != "" {
				f.WriteString(py[0])
				in.WriteByte(py[0][0])
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			run = append(run, unicode.ToLower(r))
		}
	}
	flush()
	return f.String(), in.String()
}
