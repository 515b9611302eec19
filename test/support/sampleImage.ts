/**
 * A real 96×64 JPEG (test/fixtures/images/two-objects-96x64.jpg, made with ImageMagick): a blue
 * gradient with a yellow square and a red disc, so previews have something to draw boxes on.
 * Inlined because support code runs from dist/ in other processes and in the extension host.
 */
export const SAMPLE_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCABAAGADASIAAhEBAxEB/8QAGwAAAgIDAQAAAAAAAAAAAAAAAAQGBwEDBQL/xAA5EAABAwEFAQwIBwAAAAAAAAAAAQITEQMEBRJhIQYUFRYXMURRVFWDkwdBkaOywtLiIiQyQlJxgf/EABkBAAMBAQEAAAAAAAAAAAAAAAAFBgQDB//EADARAAEDAwEECAYDAAAAAAAAAAEAAgMEERIFITFBsRQVJFFxgZGhBhMyUlPRYbLx/9oADAMBAAIRAxEAPwDEgSCsgSFRkp3FNSBIKyBIGSMU1IEgrIEgZIxTUgSCsgSBkjFNSBIKyBIGSMU1IEgrIEgZIxSsmp1sFwjhif8AMRRZf2Zq1rqnUR/PqTDcM7Nv/wAP5hPq9TJT0b5YjZwtzA4rfRQtknax4uNvJbuJq94e5+4OJq94e5+4lQEV1/qP5PZv6T7q2l+33P7UV4mr3h7n7iM3pm9r5b3fPmitHMzUpWi0qWgVXiz6Yzfkr0i0+JR/oGpVNXI9s7rgDuA5BLtRpIoWtMYt6rzJqemK57qN2qJ59Tp3RtLBHet20e1lV0eLIb+C5aXQdMn+WTYDaVlLDZtd7Dy+xc1KtXNoMAIm6nUh2RddVz9BoXMxDbfzc3XPk1CTUxfEjtqpzOSotn1KOGYSxh44qGqaZ1PM6J3ApXPqTXcA7Nwj4XzEBk1Jz6OnZuE/C+cT64ewSeX9gtenjtDfPkVOgADz1UiCo8YfTHMQSvSbT4lLcKaxp9MexFK9KtPiUpvhg2lk8BzSrVRdjfFas+p27hapa3RtF2t2KRuTU3Xa+2l1tMzFRUXnavMpT1sJnjxG8LNpVYKOfN30nYVJwOdZ4zdnN/Gj2L1UqabxjTcqtu7Vr/J3q/wRtopy7HFWD9Wo2szzB8N/ojErZFvCMRf0pt/sSz6iy2qucqqtVXaqqEmpRQMEUYYOChauY1EzpTxKVkJNuR3S3PAN+b7s7d8+TLE1FplzVrVU60IfIEhwqIWVERik3H/URPdG4PbvCtflHwfs1+8tn1Byj4P2a/eWz6iqJAkFfUVF3H1Wvp86tflHwfs1+8tn1Fd4lfGXzFL3erNHIy2tn2jUcm1EVyqlfacyQJDXR6fBSOLor7VxmqJJgA9NSBIKyBIb8lnsmpAkFZAkDJFk1IEgrIEgZIsv/9k=';

export const SAMPLE_IMAGE_SIZE = { width: 96, height: 64 };

/** Where the two shapes are, as object-detection predictions (centre x/y, width, height). */
export const SAMPLE_OBJECTS = [
  { class: 'sign', class_id: 0, x: 26, y: 36, width: 28, height: 32, confidence: 0.91 },
  { class: 'ball', class_id: 1, x: 70, y: 32, width: 26, height: 26, confidence: 0.87 },
] as const;
