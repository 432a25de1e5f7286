"""Checkpoint-format fixtures for Hark.Nn from PyTorch 1.13 and numpy 1.24. Run with Debian's interpreter from the
repository root:
    /usr/bin/python3 tests/Hark.Nn.Tests/Fixtures/make_checkpoint_fixtures.py
Writes under checkpoints/ next to this script, from the state dict in small_state_dict.pth (make_fixtures.py):
  panns_layout.pth            {'iteration', 'model', 'sampler'} as PANNs' training script saves it: the same state dict
                              under 'model', and numpy arrays, numpy scalars and a RandomState tuple in the sampler
  panns_layout_legacy.pth     the same object in the legacy format of torch < 1.6 (_use_new_zipfile_serialization=False)
  plain_legacy.pth            the plain state dict in the legacy format
  malicious_<case>.pth        pickles that would run code (or call numpy functions other than its pickling helpers)
                              if torch.load opened them without weights_only; each must be refused by name (pickle
                              protocol 2 as torch.save writes by default, two with protocol 4, one in the legacy format)
"""
import builtins, codecs, os, subprocess
import numpy as np
import torch
from numpy.testing._private.utils import runstring

fixtures = os.path.dirname(os.path.abspath(__file__))
here = os.path.join(fixtures, "checkpoints")
os.makedirs(here, exist_ok=True)
# the state dict of make_fixtures.py (float32, float64, float16, int32 and int64 storages, a transposed view)
state = torch.load(os.path.join(fixtures, "small_state_dict.pth"))

random_state = np.random.RandomState(5)
sampler = {
    "indexes_per_class": [random_state.permutation(7), np.arange(3, dtype=np.int32)],
    "queue": [np.int64(4), np.float32(0.5)],
    "pointers_of_classes": [0, 2],
    "weights": np.linspace(0, 1, 6).reshape(2, 3),
    "random_state": random_state.get_state(),
}
panns = {"iteration": 1200, "model": state, "sampler": sampler}


def save(name, obj, legacy=False, protocol=2):
    path = os.path.join(here, name)
    if legacy:
        torch.save(obj, path, _use_new_zipfile_serialization=False)
    else:
        torch.save(obj, path, pickle_protocol=protocol)
    print(f"{name}: {os.path.getsize(path)} bytes")


save("plain_legacy.pth", state, legacy=True)
save("panns_layout.pth", panns)
save("panns_layout_legacy.pth", panns, legacy=True)


def exploit(function, *args):
    class Exploit:
        def __reduce__(self):
            return (function, args)
    return Exploit()


malicious = {
    "os_system": exploit(os.system, "echo hark-was-exploited"),
    "builtins_eval": exploit(builtins.eval, "print('hark-was-exploited')"),
    "builtins_exec": exploit(builtins.exec, "print('hark-was-exploited')"),
    "subprocess_popen": exploit(subprocess.Popen, ["echo", "hark-was-exploited"]),
    "subprocess_check_output": exploit(subprocess.check_output, ["echo", "hark-was-exploited"]),
    "numpy_runstring": exploit(runstring, "print('hark-was-exploited')", {}),
    "numpy_load": exploit(np.load, "/etc/passwd", True),
    "numpy_randomstate_object": np.random.RandomState(1),
    "codecs_rot13": exploit(codecs.encode, "uryyb", "rot13"),
}
for case, payload in malicious.items():
    save(f"malicious_{case}.pth", {"model": state, "sampler": {"payload": payload}})
# protocol 2 spells Python 3's builtins and subprocess as Python 2's __builtin__ and commands; protocol 4 keeps the names
for case in ("builtins_eval", "subprocess_popen"):
    save(f"malicious_{case}_protocol4.pth", {"model": state, "sampler": {"payload": malicious[case]}}, protocol=4)
save("malicious_legacy_os_system.pth", {"weight": malicious["os_system"]}, legacy=True)
