"""Writes the safetensors layout with nothing but torch/numpy, for golden fixtures (Debian's torch has no safetensors package).
Run fixture generators with Debian's interpreter: /usr/bin/python3."""
import json, struct
import numpy as np


def save(path, tensors, metadata=None):
    """tensors: name -> torch tensor or numpy array; floats are stored as F32, integers as I64."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    for name, value in tensors.items():
        array = value.detach().cpu().numpy() if hasattr(value, "detach") else np.asarray(value)
        if np.issubdtype(array.dtype, np.integer) or array.dtype == np.bool_:
            array, dtype = np.ascontiguousarray(array, dtype="<i8").reshape(array.shape), "I64"
        else:
            array, dtype = np.ascontiguousarray(array, dtype="<f4").reshape(array.shape), "F32"  # keeps 0-d shapes
        blob = array.tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * ((8 - len(encoded) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)
