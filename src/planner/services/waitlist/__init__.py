"""The waitlist: patients waiting for a whole series, matched against the time that frees up.

* :mod:`.entries`: adding, listing, removing and expiring entries; booking closes them.
* :mod:`.occupancy`: what holds each practitioner, room and patient, read once and indexed.
* :mod:`.matching`: the first starts from which every session of an entry's series fits.
* :mod:`.freed`: after a cancellation, a lifted closure or longer hours, which entries
  could use the time, matched again.
"""
