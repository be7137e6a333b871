"""The writes of the calls app: each takes the acting user (`by=`), checks
its rule inside its transaction and raises `portal.refusals.Refused`."""
