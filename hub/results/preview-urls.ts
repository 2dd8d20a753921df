// Where each audience fetches a stored preview: staff with their session, patients with their hub token, the web
// lookup page with its short-lived cookie. The bytes are the same row of imaging_previews.

export const staffPreviewUrl = (previewId: string) => `/api/results/previews/${previewId}`;

export const patientPreviewUrl = (resultId: string, previewId: string) =>
  `/api/patient/results/${resultId}/previews/${previewId}`;

export const lookupPreviewUrl = (token: string, previewId: string) => `/kq/${token}/anh/${previewId}`;
