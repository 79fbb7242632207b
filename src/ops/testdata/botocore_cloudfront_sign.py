"""The reference cloudfront_signer_test.cc compares vueops with: botocore's CloudFrontSigner.

Usage: botocore_cloudfront_sign.py KEY.pem sha1|sha256 KEY_PAIR_ID RESOURCE EXPIRES STARTS IP
(STARTS and IP are "-" when absent). Prints two lines: the signed URL, and the cookies as
name=value pairs joined by "; ". botocore signs with SHA-1 and has no cookies: SHA-256 is
botocore's signer with a SHA-256 RSA signer plus the Hash-Algorithm parameter the CloudFront
Developer Guide adds, and the cookies are botocore's policy, signature and base64 by name.
"""
import datetime
import sys

from botocore.signers import CloudFrontSigner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def moment(seconds):
    return datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc)


def main():
    key_file, hash_name, key_pair_id, resource, expires, starts, ip = sys.argv[1:8]
    with open(key_file, "rb") as pem:
        key = serialization.load_pem_private_key(pem.read(), password=None)
    algorithm = hashes.SHA256() if hash_name == "sha256" else hashes.SHA1()
    rsa_signer = lambda message: key.sign(message, padding.PKCS1v15(), algorithm)
    signer = CloudFrontSigner(key_pair_id, rsa_signer)

    canned = starts == "-" and ip == "-" and "*" not in resource
    if canned:
        url = signer.generate_presigned_url(resource, date_less_than=moment(expires))
        policy = signer.build_policy(resource, moment(expires))
        cookies = [("CloudFront-Expires", expires)]
    else:
        policy = signer.build_policy(
            resource,
            moment(expires),
            date_greater_than=None if starts == "-" else moment(starts),
            ip_address=None if ip == "-" else ip,
        )
        url = signer.generate_presigned_url(resource, policy=policy)
        cookies = [("CloudFront-Policy", signer._url_b64encode(policy.encode()).decode())]
    signature = signer._url_b64encode(rsa_signer(policy.encode())).decode()
    cookies += [("CloudFront-Signature", signature), ("CloudFront-Key-Pair-Id", key_pair_id)]
    if hash_name == "sha256":
        url += "&Hash-Algorithm=SHA256"
        cookies.append(("CloudFront-Hash-Algorithm", "SHA256"))
    print(url)
    print("; ".join(name + "=" + value for name, value in cookies))


if __name__ == "__main__":
    main()
