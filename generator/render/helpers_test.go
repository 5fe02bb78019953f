package render

import (
	"errors"
	"reflect"
)

// callFunc calls a template function the way text/template does: the last
// result, when it is an error, is returned as the error.
func callFunc(fn any, args ...any) (any, error) {
	v := reflect.ValueOf(fn)
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		if a == nil {
			in[i] = reflect.Zero(v.Type().In(min(i, v.Type().NumIn()-1)))
			if v.Type().IsVariadic() && i >= v.Type().NumIn()-1 {
				in[i] = reflect.Zero(v.Type().In(v.Type().NumIn() - 1).Elem())
			}
			continue
		}
		in[i] = reflect.ValueOf(a)
	}
	out := v.Call(in)
	if len(out) == 2 {
		if err, _ := out[1].Interface().(error); err != nil {
			return nil, err
		}
	} else if len(out) == 1 {
		if err, ok := out[0].Interface().(error); ok {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no result")
	}
	return out[0].Interface(), nil
}
